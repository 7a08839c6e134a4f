using Answerback.Platform.Accounts;
using Answerback.Platform.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Platform.Tests.Accounts;

/// <summary>Passkeys in the real <c>AspNetUserPasskeys</c> table (schema version 3): the last way to sign in is never removed.</summary>
public abstract class SignInMethodsTests(TestProvider provider) : PlatformTest(provider)
{
    [Fact]
    public async Task RemovePasskey_TheOnlyWayToSignIn_RefusedUntilThereIsAPassword()
    {
        await using var scope = Db.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
        var methods = scope.ServiceProvider.GetRequiredService<SignInMethods>();
        var person = Person.Create("keyholder@example.org", "Kay Holder", TimeProvider.System.GetUtcNow(), emailConfirmed: true);
        Assert.True((await users.CreateAsync(person)).Succeeded);
        byte[] credentialId = [1, 2, 3, 4, 5, 6, 7, 8];
        var passkey = new UserPasskeyInfo(credentialId, [9, 9, 9], TimeProvider.System.GetUtcNow(), 0, ["internal"], isUserVerified: true, isBackupEligible: false, isBackedUp: false, [7], [8]) { Name = "Phone" };
        Assert.True((await users.AddOrUpdatePasskeyAsync(person, passkey)).Succeeded);

        var refused = await methods.RemovePasskeyAsync(person, credentialId);

        Assert.Equal(SignInMethods.LastMethodMessage, Assert.Single(refused.Errors).Message);
        Assert.Equal("Phone", Assert.Single((await methods.ListAsync(person)).Passkeys).Name);

        Assert.True((await users.AddPasswordAsync(person, "Correct-horse-42")).Succeeded);
        var stamp = person.SecurityStamp;
        var removed = await methods.RemovePasskeyAsync(person, credentialId);

        Assert.True(removed.Succeeded, string.Join("; ", removed.Errors));
        Assert.Empty((await methods.ListAsync(person)).Passkeys);
        Assert.NotEqual(stamp, (await users.FindByIdAsync(person.Id.ToString()))!.SecurityStamp);
    }
}

public sealed class SignInMethodsSqliteTests() : SignInMethodsTests(TestProvider.Sqlite);

public sealed class SignInMethodsPostgresTests() : SignInMethodsTests(TestProvider.Postgres);
