using System.Security.Cryptography;
using Answerback.Platform.Common;
using Answerback.Platform.Organisations;
using Microsoft.AspNetCore.Identity;

namespace Answerback.Platform.Accounts;

/// <summary>
/// The administrator made by <see cref="CreateAdministrator"/>. <see cref="GeneratedPassword"/> is shown once and never stored in clear.
/// <see cref="TookOverUnconfirmed"/>: the address had an unconfirmed account, whose password was replaced and sessions ended.
/// </summary>
public sealed record CreatedAdministrator(Guid PersonId, string? GeneratedPassword, bool AlreadyExisted, bool TookOverUnconfirmed = false);

/// <summary>
/// Creates an administrator (there are no default passwords: this is how the first one is made).
/// An existing confirmed account with that email is made an administrator and keeps its password.
/// An existing unconfirmed one may have been pre-registered by someone else with the future
/// administrator's address: the operator vouches for the address, so its password is replaced
/// (given or generated), its sessions and authenticator are reset, and only then is the role granted.
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

        if (password is not null && password.Length < PasswordPolicy.PrivilegedMinimumLength)
        {
            return Result.Failed<CreatedAdministrator>("password", $"An administrator's password needs at least {PasswordPolicy.PrivilegedMinimumLength} characters.");
        }

        var existing = await users.FindByEmailAsync(email);
        if (existing is not null)
        {
            return await PromoteAsync(existing, password);
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

    private async Task<Result<CreatedAdministrator>> PromoteAsync(Person existing, string? password)
    {
        if (existing.CreatedInDemo)
        {
            return Result.Failed<CreatedAdministrator>("email", RoleHolders.Refusal(existing)!);
        }

        string? generated = null;
        var tookOver = !existing.EmailConfirmed;
        if (tookOver)
        {
            generated = password is null ? GeneratePassword() : null;
            var steps = new Func<Task<IdentityResult>>[]
            {
                () => users.RemovePasswordAsync(existing),
                () => users.AddPasswordAsync(existing, password ?? generated!),
                () => users.SetTwoFactorEnabledAsync(existing, false),
                () => users.ResetAuthenticatorKeyAsync(existing),
                () => users.SetLockoutEndDateAsync(existing, null),
                () =>
                {
                    existing.EmailConfirmed = true;
                    return users.UpdateAsync(existing);
                },
                // Ends every session the pre-registered account had (cookies are checked against the stamp).
                () => users.UpdateSecurityStampAsync(existing),
            };
            foreach (var step in steps)
            {
                var result = await step();
                if (!result.Succeeded)
                {
                    return Failed(result);
                }
            }
        }

        if (!await users.IsInRoleAsync(existing, Roles.Administrator))
        {
            var added = await users.AddToRoleAsync(existing, Roles.Administrator);
            if (!added.Succeeded)
            {
                return Failed(added);
            }
        }

        return Result.Ok(new CreatedAdministrator(existing.Id, generated, true, tookOver));
    }

    /// <summary>24 characters from a cryptographic generator (about 140 bits).</summary>
    internal static string GeneratePassword()
    {
        const string all = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789-_.!#%+=";
        var chars = new char[24];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }

        return new string(chars);
    }

    // Identity's errors are about the password (its policy) or the account (a duplicate name).
    private static Result<CreatedAdministrator> Failed(IdentityResult identity)
        => Result.Failed<CreatedAdministrator>([.. identity.Errors.Select(e => new FieldError(e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "email", e.Description))]);
}
