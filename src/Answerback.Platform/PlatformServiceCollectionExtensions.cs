using Answerback.Platform.Accounts;
using Answerback.Platform.Data;
using Answerback.Platform.Email;
using Answerback.Platform.Residency;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
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
    /// Options, the database for the configured provider, Identity, data-protection keys in the
    /// database, the email sender and every platform use case.
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
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section))
            .Validate(o => MimeKit.MailboxAddress.TryParse(o.From, out _), "Email:From must be an email address.")
            .Validate(o => o.Smtp.Port is > 0 and < 65536, "Email:Smtp:Port must be between 1 and 65535.")
            .ValidateOnStart();
        services.AddOptions<ResidencyOptions>().Bind(configuration.GetSection(ResidencyOptions.Section))
            .Validate(o => string.IsNullOrWhiteSpace(o.HashKey) || ResidencyHasher.ParseKey(o.HashKey) is not null, "Residency:HashKey must be base64 of at least 32 bytes.")
            .Validate(ResidencyKeys.IsConfigured, ResidencyKeys.MissingMessage)
            .Validate(o => o.MoveCoolDown >= TimeSpan.Zero, "Residency:MoveCoolDown must not be negative.")
            .Validate(o => o.MaxFailedAttemptsPerHour > 0, "Residency:MaxFailedAttemptsPerHour must be positive.")
            .ValidateOnStart();
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.Section));
        services.AddOptions<KeyRingOptions>().Bind(configuration.GetSection(KeyRingOptions.Section))
            .Validate(o => string.IsNullOrWhiteSpace(o.CertificatePath) || File.Exists(o.CertificatePath), "DataProtection:CertificatePath names a file that does not exist.")
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

        services.AddIdentityCore<Person>(options =>
            {
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedEmail = true;
                PasswordPolicy.Configure(options.Password);
            })
            .AddPasswordValidator<PasswordPolicyValidator>()
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<AnswerbackDbContext>()
            .AddDefaultTokenProviders();

        // Keys in the database: every web node behind a load balancer reads the same ring. Encrypted
        // at rest with the configured certificate (see KeyRingProtection), so a dump cannot forge cookies.
        services.AddDataProtection()
            .SetApplicationName("Answerback")
            .PersistKeysToDbContext<AnswerbackDbContext>();
        KeyRingProtection.Add(services);

        services.TryAddSingleton<Outbox>();
        services.TryAddSingleton<IEmailSender>(provider =>
        {
            var email = provider.GetRequiredService<IOptions<EmailOptions>>().Value;
            return string.IsNullOrWhiteSpace(email.Smtp.Host)
                ? ActivatorUtilities.CreateInstance<OutboxEmailSender>(provider)
                : ActivatorUtilities.CreateInstance<SmtpEmailSender>(provider);
        });

        services.TryAddSingleton<EmailQueueSignal>();
        services.TryAddScoped<IEmailQueue, DatabaseEmailQueue>();
        services.TryAddScoped<DeliverQueuedEmail>();
        services.AddHostedService<EmailQueueWorker>();

        services.TryAddSingleton<ResidencyKeyCache>();
        services.TryAddScoped<ResidencyHasher>();
        AddUseCases(services);
        return services;
    }

    /// <summary>Applies the configured provider's migrations (creating the SQLite file if missing).</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>();
        await db.Database.MigrateAsync(ct);
    }

    private static void AddUseCases(IServiceCollection services)
    {
        services.TryAddScoped<Areas.ImportAreas>();
        services.TryAddScoped<Areas.CreateArea>();
        services.TryAddScoped<Areas.AreaDirectory>();
        services.TryAddScoped<Organisations.CreateOrganisation>();
        services.TryAddScoped<Organisations.GrantOrganisationRole>();
        services.TryAddScoped<Organisations.OrganisationAccess>();
        services.TryAddScoped<ImportRegister>();
        services.TryAddScoped<VerifyResidency>();
        services.TryAddScoped<DeclareResidency>();
        services.TryAddScoped<ImportMembers>();
        services.TryAddScoped<RegisterAttestation>();
        services.TryAddScoped<ApproveRegisterHolder>();
        services.TryAddScoped<RequestResidencyCode>();
        services.TryAddScoped<ResidencyDisputes>();
        services.TryAddScoped<RedeemResidencyCode>();
        services.TryAddScoped<Eligibility.CheckEligibility>();
        services.TryAddScoped<CreateAdministrator>();
        services.TryAddScoped<Demo.SeedDemo>();
    }
}
