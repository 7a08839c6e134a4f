using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Answerback.Platform.Jobs;

/// <summary>Registers the job engine (Hangfire) and <see cref="IJobLocks"/>.</summary>
public static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// Hangfire with PostgreSQL storage on the platform database (its own schema, created on first
    /// start; clustered: every node's server takes jobs from the same queue, each job once), or
    /// in-memory storage for SQLite (one node by nature; the durable state of a job, like a queued
    /// email, is in the platform's own tables, so a restart loses no work). The server runs in the
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
                return new InMemoryStorage(new InMemoryStorageOptions());
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

