using Answerback.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Answerback.Platform.Tests.Infrastructure;

/// <summary>The two database providers every integration test runs against.</summary>
public enum TestProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A fresh database for one test: a SQLite file in a temp folder, or a uniquely named PostgreSQL
/// database on the ANSWERBACK_TEST_POSTGRES server (dropped afterwards). The real migrations are
/// applied through <see cref="PlatformServiceCollectionExtensions.MigrateDatabaseAsync"/>.
/// </summary>
public sealed class PlatformTestDatabase : IAsyncDisposable
{
    private readonly string? postgresServer;
    private readonly string? postgresDatabase;

    private PlatformTestDatabase(TestProvider provider, ServiceProvider services, FakeTimeProvider time, string dataFolder, string? postgresServer, string? postgresDatabase)
    {
        Provider = provider;
        Services = services;
        Time = time;
        DataFolder = dataFolder;
        this.postgresServer = postgresServer;
        this.postgresDatabase = postgresDatabase;
    }

    /// <summary>The start of every test's clock: a fixed UTC instant.</summary>
    public static readonly DateTimeOffset Start = new(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);

    public TestProvider Provider { get; }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Time { get; }

    public string DataFolder { get; }

    public static async Task<PlatformTestDatabase> CreateAsync(TestProvider provider, IDictionary<string, string?>? settings = null)
    {
        var dataFolder = Path.Combine(Path.GetTempPath(), "answerback-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataFolder);
        var configuration = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Storage:DataFolder"] = dataFolder,
            // A key from configuration, as in production (never the database); one per test database.
            ["Residency:HashKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        };
        string? server = null;
        string? database = null;
        if (provider == TestProvider.Postgres)
        {
            server = TestEnvironment.RequirePostgres();
            database = "answerback_test_" + Guid.NewGuid().ToString("N");
            configuration["Database:Provider"] = "Postgres";
            configuration["Database:ConnectionString"] = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var time = new FakeTimeProvider(Start);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddPlatform(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build());
        var serviceProvider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var result = new PlatformTestDatabase(provider, serviceProvider, time, dataFolder, server, database);
        await serviceProvider.MigrateDatabaseAsync(TestContext.Current.CancellationToken);
        return result;
    }

    /// <summary>A new scope: one DbContext, like one web request.</summary>
    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    /// <summary>Runs <paramref name="action"/> with a service from a fresh scope.</summary>
    public async Task<TResult> With<TService, TResult>(Func<TService, Task<TResult>> action)
        where TService : notnull
    {
        await using var scope = Scope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (postgresServer is not null && postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgresServer) { Database = "postgres" }.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{postgresDatabase}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
        else
        {
            SqliteConnection.ClearAllPools();
        }

        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on some platform: the temp folder is cleaned by the OS eventually.
        }
    }
}

/// <summary>Base of the integration tests: a fresh, migrated database per test, for one provider.</summary>
public abstract class PlatformTest(TestProvider provider) : IAsyncLifetime
{
    private PlatformTestDatabase? database;

    protected PlatformTestDatabase Db => database ?? throw new InvalidOperationException("Not initialised.");

    protected TestProvider Provider => provider;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Extra configuration for this class's databases.</summary>
    protected virtual IDictionary<string, string?>? Settings => null;

    public virtual async ValueTask InitializeAsync() => database = await PlatformTestDatabase.CreateAsync(provider, Settings);

    public async ValueTask DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
