using Answerback.Platform.Common;
using Microsoft.AspNetCore.Identity;

namespace Answerback.Platform.Accounts;

/// <summary>The ways a person can sign in: a password, accounts at OpenID Connect providers, passkeys.</summary>
public sealed record SignInMethodList(bool HasPassword, IReadOnlyList<UserLoginInfo> Logins, IReadOnlyList<UserPasskeyInfo> Passkeys)
{
    /// <summary>How many ways there are; removing one is refused when it is the last.</summary>
    public int Count => (HasPassword ? 1 : 0) + Logins.Count + Passkeys.Count;
}

/// <summary>
/// Linking, unlinking and removing sign-in methods, all through Identity's stores (the
/// <c>AspNetUserLogins</c> and <c>AspNetUserPasskeys</c> tables). A person is never left without a
/// way to sign in, and an account at a provider is never linked by its email address alone: linking
/// needs the person signed in to Answerback (with a password, a passkey or another linked account).
/// </summary>
public sealed class SignInMethods(UserManager<Person> users, TimeProvider time)
{
    public const string LastMethodMessage = "This is your only way to sign in: add a password, a passkey or another account first.";

    public async Task<SignInMethodList> ListAsync(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return new(await users.HasPasswordAsync(person), [.. await users.GetLoginsAsync(person)], [.. await users.GetPasskeysAsync(person)]);
    }

    /// <summary>
    /// A new person from an account at a provider. Only an address the provider says it verified
    /// is used (and counts as confirmed); an address that already has an Answerback account is
    /// refused, so that whoever controls the provider account cannot take over the Answerback one.
    /// </summary>
    public async Task<Result<Person>> CreateAsync(ExternalAccount account, bool createdInDemo)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (!account.EmailVerified || string.IsNullOrWhiteSpace(account.Email))
        {
            return Result.Failed<Person>("email", $"{account.ProviderDisplayName} did not say that your email address is verified, so we cannot make an account from it. Create an account with a password instead, or sign in and link {account.ProviderDisplayName} from your account page.");
        }

        var email = account.Email.Trim();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return Result.Failed<Person>("email", $"There is already an Answerback account for {email}. Sign in with your password, then link {account.ProviderDisplayName} to it.");
        }

        var name = string.IsNullOrWhiteSpace(account.Name) ? email.Split('@')[0] : account.Name.Trim();
        var person = Person.Create(email, name.Length > 200 ? name[..200] : name, time.GetUtcNow(), emailConfirmed: true);
        person.CreatedInDemo = createdInDemo;
        var created = await users.CreateAsync(person);
        if (!created.Succeeded)
        {
            return Failed<Person>(created);
        }

        var linked = await users.AddLoginAsync(person, account.Login);
        if (!linked.Succeeded)
        {
            await users.DeleteAsync(person);
            return Failed<Person>(linked);
        }

        return Result.Ok(person);
    }

    /// <summary>Links an account at a provider to the signed-in person; refused when it already belongs to someone.</summary>
    public async Task<Result> LinkAsync(Person person, UserLoginInfo login)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(login);
        var owner = await users.FindByLoginAsync(login.LoginProvider, login.ProviderKey);
        if (owner is not null)
        {
            return owner.Id == person.Id
                ? Ok
                : new Result([new FieldError("login", $"This {login.ProviderDisplayName} account is already linked to another Answerback account.")]);
        }

        var result = await users.AddLoginAsync(person, login);
        return result.Succeeded ? Ok : Failed(result);
    }

    /// <summary>Unlinks an account at a provider; refused when it is the person's last way to sign in.</summary>
    public async Task<Result> UnlinkAsync(Person person, string loginProvider, string providerKey)
    {
        ArgumentNullException.ThrowIfNull(person);
        var methods = await ListAsync(person);
        if (!methods.Logins.Any(l => l.LoginProvider == loginProvider && l.ProviderKey == providerKey))
        {
            return new Result([new FieldError("login", "That account is not linked to yours.")]);
        }

        if (methods.Count <= 1)
        {
            return new Result([new FieldError("login", LastMethodMessage)]);
        }

        // Identity changes the security stamp here, ending other sessions that signed in this way.
        var result = await users.RemoveLoginAsync(person, loginProvider, providerKey);
        return result.Succeeded ? Ok : Failed(result);
    }

    /// <summary>Removes a passkey; refused when it is the person's last way to sign in.</summary>
    public async Task<Result> RemovePasskeyAsync(Person person, byte[] credentialId)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(credentialId);
        var methods = await ListAsync(person);
        if (!methods.Passkeys.Any(p => p.CredentialId.AsSpan().SequenceEqual(credentialId)))
        {
            return new Result([new FieldError("passkey", "That passkey is not one of yours.")]);
        }

        if (methods.Count <= 1)
        {
            return new Result([new FieldError("passkey", LastMethodMessage)]);
        }

        var result = await users.RemovePasskeyAsync(person, credentialId);
        if (result.Succeeded)
        {
            // A passkey may be lost with a device: sessions it opened end with it.
            await users.UpdateSecurityStampAsync(person);
        }

        return result.Succeeded ? Ok : Failed(result);
    }

    private static readonly Result Ok = new([]);

    private static Result Failed(IdentityResult result)
        => new([.. result.Errors.Select(e => new FieldError("", e.Description))]);

    private static Result<T> Failed<T>(IdentityResult result)
        where T : class
        => Result.Failed<T>([.. result.Errors.Select(e => new FieldError("", e.Description))]);
}

/// <summary>What a provider said about the person who signed in there.</summary>
/// <param name="Login">The provider's scheme and its stable subject identifier (never the email).</param>
/// <param name="Email">The address the provider gave, if any.</param>
/// <param name="EmailVerified">True only when the provider's <c>email_verified</c> claim is true.</param>
/// <param name="Name">The name the provider gave, if any (the display name of a new account).</param>
public sealed record ExternalAccount(UserLoginInfo Login, string? Email, bool EmailVerified, string? Name)
{
    public string ProviderDisplayName => Login.ProviderDisplayName ?? Login.LoginProvider;
}
