using Answerback.Platform.Accounts;
using Answerback.Platform.Common;
using Answerback.Platform.Organisations;
using Answerback.Platform.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Platform.Tests.Accounts;

public abstract class CreateAdministratorTests(TestProvider provider) : PlatformTest(provider)
{
    [Fact]
    public async Task CreateAsync_NoPassword_GeneratesOneThatSignsIn()
    {
        var result = await Db.With<CreateAdministrator, Result<CreatedAdministrator>>(c => c.CreateAsync("root@example.org", null, Ct));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.NotNull(result.Value!.GeneratedPassword);
        Assert.True(result.Value!.GeneratedPassword.Length >= 20);
        await using var scope = Db.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
        var person = await users.FindByEmailAsync("root@example.org");
        Assert.NotNull(person);
        Assert.True(person.EmailConfirmed);
        Assert.True(await users.CheckPasswordAsync(person, result.Value!.GeneratedPassword));
        Assert.False(await users.CheckPasswordAsync(person, result.Value!.GeneratedPassword + "x"));
        Assert.True(await users.IsInRoleAsync(person, Roles.Administrator));
        Assert.True(await scope.ServiceProvider.GetRequiredService<OrganisationAccess>().IsAdministratorAsync(person.Id, Ct));
    }

    [Fact]
    public async Task CreateAsync_GivenPassword_UsesItAndPrintsNothing()
    {
        var result = await Db.With<CreateAdministrator, Result<CreatedAdministrator>>(c => c.CreateAsync("root@example.org", "Correct-Horse-9", Ct));
        Assert.True(result.Succeeded);
        Assert.Null(result.Value!.GeneratedPassword);
        await using var scope = Db.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByEmailAsync("root@example.org"))!, "Correct-Horse-9"));
    }

    [Fact]
    public async Task CreateAsync_WeakPasswordOrBadEmail_FailsWithIdentityMessages()
    {
        var weak = await Db.With<CreateAdministrator, Result<CreatedAdministrator>>(c => c.CreateAsync("root@example.org", "short", Ct));
        Assert.False(weak.Succeeded);
        Assert.Contains(weak.Errors, e => e.Message.Contains("at least", StringComparison.Ordinal));
        var badEmail = await Db.With<CreateAdministrator, Result<CreatedAdministrator>>(c => c.CreateAsync("not-an-email", null, Ct));
        Assert.False(badEmail.Succeeded);
    }

    [Fact]
    public async Task CreateAsync_ExistingAccount_BecomesAdministrator()
    {
        var person = await Db.PersonAsync("ann@example.org");
        var result = await Db.With<CreateAdministrator, Result<CreatedAdministrator>>(c => c.CreateAsync("ANN@example.org", null, Ct));
        Assert.True(result.Value!.AlreadyExisted);
        Assert.Equal(person, result.Value!.PersonId);
        Assert.Null(result.Value!.GeneratedPassword);
        Assert.True(await Db.With<OrganisationAccess, bool>(a => a.IsAdministratorAsync(person, Ct)));
    }
}

public sealed class CreateAdministratorSqliteTests() : CreateAdministratorTests(TestProvider.Sqlite);

public sealed class CreateAdministratorPostgresTests() : CreateAdministratorTests(TestProvider.Postgres);
