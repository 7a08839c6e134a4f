using Answerback.Platform.Accountability;
using Answerback.Platform.Accounts;
using Answerback.Platform.Areas;
using Answerback.Platform.Conversations;
using Answerback.Platform.Comments;
using Answerback.Platform.Data;
using Answerback.Platform.Demo;
using Answerback.Platform.Eligibility;
using Answerback.Platform.Imports;
using Answerback.Platform.Jobs;
using Answerback.Platform.Live;
using Answerback.Platform.Moderation;
using Answerback.Platform.Notifications;
using Answerback.Platform.Organisations;
using Answerback.Platform.Primaries;
using Answerback.Platform.RateLimits;
using Answerback.Platform.Residency;
using Answerback.Platform.Webmentions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Answerback.Platform;

/// <summary>Registers the platform (<see cref="AddPlatform"/>) and applies its migrations (<see cref="MigrateDatabaseAsync"/>).</summary>
public static class PlatformServiceCollectionExtensions
{
    /// <summary>The assembly holding the SQLite migrations.</summary>
    public const string SqliteMigrationsAssembly = "Answerback.Platform.Sqlite";

    /// <summary>The assembly holding the PostgreSQL migrations.</summary>
    public const string PostgresMigrationsAssembly = "Answerback.Platform.Postgres";

    /// <summary>
    /// The database for the configured provider (<c>Database</c>, <c>Storage</c>), data-protection
    /// keys in the database, and every capability (each with its own <c>Add...()</c>).
    /// </summary>
    public static IServiceCollection AddPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section))
            .Validate(o => o.IsSqlite || o.IsPostgres, "Database:Provider must be 'Sqlite' or 'Postgres'.")
            .Validate(o => !o.IsPostgres || !string.IsNullOrWhiteSpace(o.ConnectionString), "Database:ConnectionString is required when Database:Provider is 'Postgres'.")
            .ValidateOnStart();
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.DataFolder), "Storage:DataFolder must not be empty.")
            .ValidateOnStart();
        services.AddDbContext<AnswerbackDbContext>((provider, options) =>
        {
            var database = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            if (database.IsPostgres)
            {
                options.UseNpgsql(database.ConnectionString, npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly));
            }
            else
            {
                var connection = database.SqliteConnectionString(provider.GetRequiredService<IOptions<StorageOptions>>().Value);
                options.UseSqlite(connection, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly));
            }
        });

        // Keys in the database: every web node behind a load balancer reads the same ring. Encrypted
        // at rest with the configured certificate (see KeyRingProtection), so a dump cannot forge cookies.
        services.AddOptions<KeyRingOptions>().Bind(configuration.GetSection(KeyRingOptions.Section))
            .Validate(o => string.IsNullOrWhiteSpace(o.CertificatePath) || File.Exists(o.CertificatePath), "DataProtection:CertificatePath names a file that does not exist.")
            .ValidateOnStart();
        services.AddDataProtection()
            .SetApplicationName("Answerback")
            .PersistKeysToDbContext<AnswerbackDbContext>();
        KeyRingProtection.Add(services);

        // Each capability registers itself: a new capability adds one line here and its folder.
        services.AddAccounts();
        services.AddAreas();
        services.AddOrganisations();
        services.AddResidency(configuration);
        services.AddEligibility();
        services.AddJobs(configuration);
        services.AddRateLimits();
        services.AddLive();
        services.AddNotifications(configuration);
        services.AddModeration();
        services.AddConversations(configuration);
        services.AddUploads(configuration);
        services.AddAccountability();
        services.AddComments(configuration);
        services.AddDemo(configuration);
        services.AddPrimaries();
        services.AddWebmentions(configuration);
        return services;
    }

    /// <summary>
    /// Applies the configured provider's migrations (creating the SQLite file, or the PostgreSQL
    /// database, if missing). On PostgreSQL several nodes may start at once: each waits for a session
    /// advisory lock on the connection the migrations then use, so one applies them and the others
    /// find nothing left to do (EF's own migration lock did not stop two fresh nodes from running the
    /// same migration twice: a test starts two at once).
    /// </summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>();
        if (!db.Database.IsNpgsql())
        {
            await db.Database.MigrateAsync(ct);
            return;
        }

        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(ct))
        {
            try
            {
                await creator.CreateAsync(ct);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
            {
                // Another node created it first.
            }
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var lockId = PostgresJobLocks.LockId("migrations");
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({lockId})", ct);
            await db.Database.MigrateAsync(ct);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({lockId})", ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
