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

    /// <summary>Issue 9, finding 2: an attacker pre-registers the future administrator's address and never confirms it.</summary>
    [Fact]
    public async Task CreateAsync_PreRegisteredUnconfirmedAccount_AttackerPasswordAndSessionsGone()
    {
        await using (var arrange = Db.Scope())
        {
            var users = arrange.ServiceProvider.GetRequiredService<UserManager<Person>>();
            var squat = new Person { UserName = "root@example.org", Email = "root@example.org", DisplayName = "root", CreatedAt = Db.Time.GetUtcNow() };
            Assert.True((await users.CreateAsync(squat, "attacker-chose-this")).Succeeded);
        }

        string stampBefore;
        await using (var read = Db.Scope())
        {
            stampBefore = (await read.ServiceProvider.GetRequiredService<UserManager<Person>>().FindByEmailAsync("root@example.org"))!.SecurityStamp!;
        }

        var result = await Db.With<CreateAdministrator, Result<CreatedAdministrator>>(c => c.CreateAsync("root@example.org", null, Ct));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.True(result.Value!.TookOverUnconfirmed);
        await using var scope = Db.Scope();
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
        var person = (await manager.FindByEmailAsync("root@example.org"))!;
        Assert.False(await manager.CheckPasswordAsync(person, "attacker-chose-this"));
        Assert.True(await manager.CheckPasswordAsync(person, result.Value!.GeneratedPassword!));
        Assert.True(person.EmailConfirmed);
        Assert.NotEqual(stampBefore, person.SecurityStamp);
        Assert.True(await manager.IsInRoleAsync(person, Roles.Administrator));
    }

    /// <summary>Issue 9, finding 10: the CLI accepted Aa1!aa for an administrator.</summary>
    [Theory]
    [InlineData("Aa1!aa")]
    [InlineData("short-pass1")]
    public async Task CreateAsync_PasswordShorterThan12_Refused(string password)
    {
        var result = await Db.With<CreateAdministrator, Result<CreatedAdministrator>>(c => c.CreateAsync("root@example.org", password, Ct));
        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Message.Contains("at least 12", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateAsync_CommonPassword_Refused()
    {
        var result = await Db.With<CreateAdministrator, Result<CreatedAdministrator>>(c => c.CreateAsync("root@example.org", "password1234", Ct));
        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Message.Contains("commonly used", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GrantRole_UnconfirmedOrDemoAccount_Refused()
    {
        var organisation = await Db.OrganisationAsync();
        var unconfirmed = await Db.PersonAsync("pre@example.org", emailConfirmed: false);
        var refused = await Db.With<GrantOrganisationRole, Result<RoleChange>>(g => g.GrantAsync(organisation, unconfirmed, OrganisationRoleKind.Organiser, Ct));
        Assert.False(refused.Succeeded);
        Assert.Contains("not confirmed", Assert.Single(refused.Errors).Message, StringComparison.Ordinal);

        var visitor = await Db.PersonAsync("visitor@example.org");
        await using (var scope = Db.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Answerback.Platform.Data.AnswerbackDbContext>();
            (await db.Users.FindAsync([visitor], Ct))!.CreatedInDemo = true;
            await db.SaveChangesAsync(Ct);
        }

        var demo = await Db.With<GrantOrganisationRole, Result<RoleChange>>(g => g.GrantAsync(organisation, visitor, OrganisationRoleKind.Moderator, Ct));
        Assert.False(demo.Succeeded);
        Assert.Contains("demo", Assert.Single(demo.Errors).Message, StringComparison.Ordinal);
        Assert.False((await Db.With<CreateAdministrator, Result<CreatedAdministrator>>(c => c.CreateAsync("visitor@example.org", null, Ct))).Succeeded);
    }
}

public sealed class CreateAdministratorSqliteTests() : CreateAdministratorTests(TestProvider.Sqlite);

public sealed class CreateAdministratorPostgresTests() : CreateAdministratorTests(TestProvider.Postgres);
