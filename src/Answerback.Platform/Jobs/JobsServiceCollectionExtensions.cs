using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Answerback.Platform.Jobs;

/// <summary>Registers the job engine (Hangfire) and <see cref="IJobLocks"/>.</summary>
public static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// Hangfire with PostgreSQL storage on the platform database (its own schema, created on first
    /// start; clustered: every node's server takes jobs from the same queue, each job once), or for
    /// SQLite (one node by nature) a file beside the database (<see cref="SqliteJobStorage"/>), so a
    /// job queued before a restart runs after it. The server runs in the
    /// web host unless <c>Jobs:RunServer</c> is false. Callers use Hangfire's
    /// <see cref="IBackgroundJobClient"/> and <see cref="IRecurringJobManager"/> from DI.
    /// </summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<JobsOptions>().Bind(configuration.GetSection(JobsOptions.Section))
            .Validate(o => o.WorkerCount is > 0 and <= 64, "Jobs:WorkerCount must be between 1 and 64.")
            .Validate(o => o.QueuePollInterval > TimeSpan.Zero && o.SchedulePollInterval > TimeSpan.Zero, "Jobs:QueuePollInterval and Jobs:SchedulePollInterval must be positive.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.PostgresSchema), "Jobs:PostgresSchema must not be empty.")
            .ValidateOnStart();

        // Storage and activator per host, registered before AddHangfire (which only adds them when
        // missing): its defaults are the process-wide JobStorage.Current and JobActivator.Current, so
        // two hosts in one process (the two-node tests) would share one database and one container.
        services.AddSingleton<JobStorage>(provider =>
        {
            var database = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var jobs = provider.GetRequiredService<IOptions<JobsOptions>>().Value;
            if (!database.IsPostgres)
            {
                return SqliteJobStorage(database.SqliteConnectionString(provider.GetRequiredService<IOptions<StorageOptions>>().Value), jobs);
            }

            var options = new PostgreSqlStorageOptions
            {
                SchemaName = jobs.PostgresSchema,
                PrepareSchemaIfNecessary = true,
                QueuePollInterval = jobs.QueuePollInterval,
                // New jobs wake idle workers at once through LISTEN/NOTIFY; polling is the fallback.
                EnableLongPolling = true,
            };
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, options), options);
        });
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((provider, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(provider.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>())));

        if (configuration.GetValue(JobsOptions.Section + ":" + nameof(JobsOptions.RunServer), true))
        {
            services.AddHangfireServer((provider, server) =>
            {
                var jobs = provider.GetRequiredService<IOptions<JobsOptions>>().Value;
                server.WorkerCount = jobs.WorkerCount;
                server.SchedulePollingInterval = jobs.SchedulePollInterval;
                server.ServerName = Environment.MachineName + ":" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + Guid.NewGuid().ToString("N")[..8];
            });
        }

        services.AddSingleton<IJobLocks>(provider => provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.IsPostgres
            ? ActivatorUtilities.CreateInstance<PostgresJobLocks>(provider)
            : new InProcessJobLocks());
        return services;
    }

    /// <summary>
    /// SQLite's jobs are kept in a file beside the database (<c>answerback.db</c> → <c>answerback-jobs.db</c>),
    /// so a job queued before a restart still runs after it; Hangfire.Storage.SQLite creates its tables
    /// there. An in-memory database (a connection string with <c>:memory:</c> or <c>Mode=Memory</c>) has no
    /// file to sit beside, so its jobs stay in memory too. SQLite storage polls: at most every second.
    /// </summary>
    public static JobStorage SqliteJobStorage(string connectionString, JobsOptions jobs)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:")
        {
            return new InMemoryStorage(new InMemoryStorageOptions());
        }

        return new SQLiteStorage(JobsFile(builder.DataSource), new SQLiteStorageOptions
        {
            QueuePollInterval = jobs.QueuePollInterval < TimeSpan.FromSeconds(1) ? jobs.QueuePollInterval : TimeSpan.FromSeconds(1),
        });
    }

    /// <summary>The jobs file for a SQLite database file: the same folder and name, with <c>-jobs</c> added.</summary>
    public static string JobsFile(string databaseFile)
    {
        var full = Path.GetFullPath(databaseFile);
        return Path.Combine(Path.GetDirectoryName(full)!, Path.GetFileNameWithoutExtension(full) + "-jobs" + Path.GetExtension(full));
    }
}

/// <summary>
/// Hangfire's log provider is process-wide, so with several hosts in one process (the two-node
/// tests) it may belong to a host already stopped, whose logger factory is disposed: log lines are
/// then dropped instead of failing the job that logs them. One host per process logs as usual.
/// </summary>
internal sealed class HostLogProvider(Microsoft.Extensions.Logging.ILoggerFactory factory) : Hangfire.Logging.ILogProvider
{
    private readonly AspNetCoreLogProvider inner = new(factory);

    public Hangfire.Logging.ILog GetLogger(string name)
    {
        try
        {
            return new SafeLog(inner.GetLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return new SafeLog(null);
        }
    }

    private sealed class SafeLog(Hangfire.Logging.ILog? inner) : Hangfire.Logging.ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                return inner?.Log(logLevel, messageFunc, exception) ?? false;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}

