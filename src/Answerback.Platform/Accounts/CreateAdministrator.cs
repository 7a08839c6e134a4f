using System.Security.Cryptography;
using Answerback.Platform.Common;
using Answerback.Platform.Organisations;
using Microsoft.AspNetCore.Identity;

namespace Answerback.Platform.Accounts;

/// <summary>The administrator made by <see cref="CreateAdministrator"/>. <see cref="GeneratedPassword"/> is shown once and never stored in clear.</summary>
public sealed record CreatedAdministrator(Guid PersonId, string? GeneratedPassword, bool AlreadyExisted);

/// <summary>
/// Creates an administrator (there are no default passwords: this is how the first one is made).
/// An existing account with that email is made an administrator and keeps its password.
/// </summary>
public sealed class CreateAdministrator(UserManager<Person> users, TimeProvider time)
{
    public async Task<Result<CreatedAdministrator>> CreateAsync(string email, string? password, CancellationToken ct = default)
    {
        email = (email ?? "").Trim();
        if (!ImportMembers.IsEmail(email.ToLowerInvariant()))
        {
            return Result.Failed<CreatedAdministrator>("email", $"'{email}' is not an email address.");
        }

        var existing = await users.FindByEmailAsync(email);
        if (existing is not null)
        {
            if (!await users.IsInRoleAsync(existing, Roles.Administrator))
            {
                var added = await users.AddToRoleAsync(existing, Roles.Administrator);
                if (!added.Succeeded)
                {
                    return Failed(added);
                }
            }

            return Result.Ok(new CreatedAdministrator(existing.Id, null, true));
        }

        var generated = password is null ? GeneratePassword() : null;
        // The operator who runs the command vouches for the address.
        var person = Person.Create(email, email[..email.IndexOf('@', StringComparison.Ordinal)], time.GetUtcNow(), emailConfirmed: true);
        var created = await users.CreateAsync(person, password ?? generated!);
        if (!created.Succeeded)
        {
            return Failed(created);
        }

        var role = await users.AddToRoleAsync(person, Roles.Administrator);
        if (!role.Succeeded)
        {
            await users.DeleteAsync(person);
            return Failed(role);
        }

        return Result.Ok(new CreatedAdministrator(person.Id, generated, false));
    }

    /// <summary>24 characters from a cryptographic generator, with each class Identity's default policy asks for.</summary>
    internal static string GeneratePassword()
    {
        const string lower = "abcdefghijkmnopqrstuvwxyz";
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        const string digits = "23456789";
        const string symbols = "-_.!#%+=";
        const string all = lower + upper + digits + symbols;
        var chars = new char[24];
        chars[0] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[1] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        chars[3] = symbols[RandomNumberGenerator.GetInt32(symbols.Length)];
        for (var i = 4; i < chars.Length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }

        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    // Identity's errors are about the password (its policy) or the account (a duplicate name).
    private static Result<CreatedAdministrator> Failed(IdentityResult identity)
        => Result.Failed<CreatedAdministrator>([.. identity.Errors.Select(e => new FieldError(e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "email", e.Description))]);
}
