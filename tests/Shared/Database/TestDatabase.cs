using Microsoft.Data.Sqlite;
using Npgsql;

namespace Answerback.Testing;

/// <summary>The two database providers every platform, web and CLI integration test runs against.</summary>
public enum TestProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The one test database helper of the Platform, Web and CLI tests: a fresh database for one test
/// class, a SQLite file in its own temporary data folder or a uniquely named PostgreSQL database on
/// the ANSWERBACK_TEST_POSTGRES server (a skip locally, a failure under CI=true, when unset). The
/// database is created by whoever uses it from the real migrations (<c>MigrateDatabaseAsync</c>, the
/// web app's start, <c>answerback db migrate</c>); disposing drops it and deletes the folder.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? server;
    private readonly string databaseName;

    private TestDatabase(TestProvider provider, string dataFolder, string? server, string databaseName)
    {
        Provider = provider;
        DataFolder = dataFolder;
        this.server = server;
        this.databaseName = databaseName;
    }

    public TestProvider Provider { get; }

    /// <summary>The data folder (the SQLite file <c>answerback.db</c>, the outbox), created empty.</summary>
    public string DataFolder { get; }

    /// <summary>The PostgreSQL connection string of this database; null for SQLite (its file is in <see cref="DataFolder"/>).</summary>
    public string? PostgresConnectionString => server is null
        ? null
        : new NpgsqlConnectionStringBuilder(server) { Database = databaseName }.ConnectionString;

    /// <summary>The configuration that points the platform at this database: <c>Storage:DataFolder</c>, <c>Database:Provider</c> and, for PostgreSQL, <c>Database:ConnectionString</c>.</summary>
    public IReadOnlyDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["Storage:DataFolder"] = DataFolder,
                ["Database:Provider"] = Provider.ToString(),
                // A key from configuration, as in production (never the database); one per test database.
                ["Residency:HashKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            };
            if (PostgresConnectionString is { } connection)
            {
                settings["Database:ConnectionString"] = connection;
            }

            return settings;
        }
    }

    /// <summary>A new database for <paramref name="provider"/>; <paramref name="purpose"/> names the temp folder (e.g. "web-tests").</summary>
    public static TestDatabase Create(TestProvider provider, string purpose = "tests")
    {
        var server = provider == TestProvider.Postgres ? TestEnvironment.RequirePostgres() : null;
        var dataFolder = Path.Combine(Path.GetTempPath(), "answerback-" + purpose, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataFolder);
        return new TestDatabase(provider, dataFolder, server, "answerback_test_" + Guid.NewGuid().ToString("N"));
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{databaseName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
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
