using Answerback.Platform.Accounts;
using Answerback.Platform.Data;
using Answerback.Platform.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Platform.Tests.Data;

public abstract class MigrationsTests(TestProvider provider) : PlatformTest(provider)
{
    [Fact]
    public async Task Model_AfterMigrations_HasNoPendingChanges()
    {
        await using var scope = Db.Scope();
        var context = scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>();
        Assert.False(context.Database.HasPendingModelChanges(), "The model has changes without a migration: run dotnet-ef migrations add for both providers.");
        Assert.Empty(await context.Database.GetPendingMigrationsAsync(Ct));
    }

    [Fact]
    public async Task Migrate_FreshDatabase_HasAdministratorRole()
    {
        await using var scope = Db.Scope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        Assert.True(await roles.RoleExistsAsync(Roles.Administrator));
    }

    [Fact]
    public async Task MigrateDatabaseAsync_RunTwice_IsHarmless()
    {
        await Db.Services.MigrateDatabaseAsync(Ct);
        await using var scope = Db.Scope();
        var context = scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>();
        Assert.Equal(1, await context.Roles.CountAsync(Ct));
    }

    [Fact]
    public async Task DataProtectionKeys_ProtectedByOneNode_ReadableByAnother()
    {
        var protectedText = Db.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("hello");
        await using (var scope = Db.Scope())
        {
            Assert.NotEmpty(await scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>().DataProtectionKeys.ToListAsync(Ct));
        }

        // A second "node": its own service provider, the same database.
        var settings = new Dictionary<string, string?> { ["Storage:DataFolder"] = Db.DataFolder };
        await using (var scope = Db.Scope())
        {
            var connection = scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>().Database.GetConnectionString();
            if (Provider == TestProvider.Postgres)
            {
                settings["Database:Provider"] = "Postgres";
                settings["Database:ConnectionString"] = connection;
            }
        }

        var services = new ServiceCollection();
        services.AddPlatform(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        await using var other = services.BuildServiceProvider();
        Assert.Equal("hello", other.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText));
    }
}

public sealed class MigrationsSqliteTests() : MigrationsTests(TestProvider.Sqlite);

public sealed class MigrationsPostgresTests() : MigrationsTests(TestProvider.Postgres);
