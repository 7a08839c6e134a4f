using System.Security.Cryptography;
using Answerback.Platform.Organisations;
using Microsoft.AspNetCore.Identity;

namespace Answerback.Platform.Accounts;

/// <summary>
/// The outcome of <see cref="CreateAdministrator"/>. <see cref="GeneratedPassword"/> is shown once and never stored in clear.
/// <see cref="TookOverUnconfirmed"/>: the address had an unconfirmed account, whose password was replaced and sessions ended.
/// </summary>
public sealed record CreateAdministratorResult(bool Succeeded, IReadOnlyList<string> Errors, Guid? PersonId, string? GeneratedPassword, bool AlreadyExisted, bool TookOverUnconfirmed = false);

/// <summary>
/// Creates an administrator (there are no default passwords: this is how the first one is made).
/// An existing confirmed account with that email is made an administrator and keeps its password.
/// An existing unconfirmed one may have been pre-registered by someone else with the future
/// administrator's address: the operator vouches for the address, so its password is replaced
/// (given or generated), its sessions and authenticator are reset, and only then is the role granted.
/// </summary>
public sealed class CreateAdministrator(UserManager<Person> users, TimeProvider time)
{
    public async Task<CreateAdministratorResult> CreateAsync(string email, string? password, CancellationToken ct = default)
    {
        email = (email ?? "").Trim();
        if (!ImportMembers.IsEmail(email.ToLowerInvariant()))
        {
            return Failed($"'{email}' is not an email address.");
        }

        if (password is not null && password.Length < PasswordPolicy.PrivilegedMinimumLength)
        {
            return Failed($"An administrator's password needs at least {PasswordPolicy.PrivilegedMinimumLength} characters.");
        }

        var existing = await users.FindByEmailAsync(email);
        if (existing is not null)
        {
            return await PromoteAsync(existing, password);
        }

        var generated = password is null ? GeneratePassword() : null;
        var person = new Person
        {
            Id = Guid.NewGuid(),
            UserName = email,
            Email = email,
            // The operator who runs the command vouches for the address.
            EmailConfirmed = true,
            DisplayName = email[..email.IndexOf('@', StringComparison.Ordinal)],
            CreatedAt = time.GetUtcNow(),
        };
        var created = await users.CreateAsync(person, password ?? generated!);
        if (!created.Succeeded)
        {
            return Failed([.. created.Errors.Select(e => e.Description)]);
        }

        var role = await users.AddToRoleAsync(person, Roles.Administrator);
        if (!role.Succeeded)
        {
            await users.DeleteAsync(person);
            return Failed([.. role.Errors.Select(e => e.Description)]);
        }

        return new CreateAdministratorResult(true, [], person.Id, generated, false);
    }

    private async Task<CreateAdministratorResult> PromoteAsync(Person existing, string? password)
    {
        if (existing.CreatedInDemo)
        {
            return Failed(RoleHolders.Refusal(existing)!);
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
                    return Failed([.. result.Errors.Select(e => e.Description)]);
                }
            }
        }

        if (!await users.IsInRoleAsync(existing, Roles.Administrator))
        {
            var added = await users.AddToRoleAsync(existing, Roles.Administrator);
            if (!added.Succeeded)
            {
                return Failed([.. added.Errors.Select(e => e.Description)]);
            }
        }

        return new CreateAdministratorResult(true, [], existing.Id, generated, true, tookOver);
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

    private static CreateAdministratorResult Failed(params string[] errors) => new(false, errors, null, null, false);
}
