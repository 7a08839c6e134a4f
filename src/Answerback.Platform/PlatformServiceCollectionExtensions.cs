using Answerback.Platform.Accountability;
using Answerback.Platform.Accounts;
using Answerback.Platform.Areas;
using Answerback.Platform.Conversations;
using Answerback.Platform.Comments;
using Answerback.Platform.Data;
using Answerback.Platform.Demo;
using Answerback.Platform.Eligibility;
using Answerback.Platform.Jobs;
using Answerback.Platform.Live;
using Answerback.Platform.Moderation;
using Answerback.Platform.Notifications;
using Answerback.Platform.Organisations;
using Answerback.Platform.Primaries;
using Answerback.Platform.Residency;
using Answerback.Platform.Webmentions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

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
                var connection = database.ConnectionString;
                if (string.IsNullOrWhiteSpace(connection))
                {
                    var folder = provider.GetRequiredService<IOptions<StorageOptions>>().Value.ResolveDataFolder();
                    connection = "Data Source=" + Path.Combine(folder, "answerback.db");
                }

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
        services.AddLive();
        services.AddNotifications(configuration);
        services.AddModeration();
        services.AddConversations(configuration);
        services.AddAccountability();
        services.AddComments(configuration);
        services.AddDemo(configuration);
        services.AddPrimaries();
        services.AddWebmentions(configuration);
        return services;
    }

    /// <summary>Applies the configured provider's migrations (creating the SQLite file if missing).</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>();
        await db.Database.MigrateAsync(ct);
    }
}
