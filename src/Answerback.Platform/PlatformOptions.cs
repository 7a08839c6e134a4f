namespace Answerback.Platform;

/// <summary>The <c>Database</c> section: which provider, and where.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>The SQLite provider name (the default).</summary>
    public const string Sqlite = "Sqlite";

    /// <summary>The PostgreSQL provider name.</summary>
    public const string Postgres = "Postgres";

    /// <summary><c>Sqlite</c> (default: a file in the data folder) or <c>Postgres</c>.</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>Required for Postgres; for SQLite it overrides the file in the data folder.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>True when <see cref="Provider"/> names PostgreSQL.</summary>
    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when <see cref="Provider"/> names SQLite.</summary>
    public bool IsSqlite => string.Equals(Provider, Sqlite, StringComparison.OrdinalIgnoreCase);

    /// <summary>The SQLite connection string: <see cref="ConnectionString"/> when set, else the file <c>answerback.db</c> in the data folder.</summary>
    public string SqliteConnectionString(StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        return string.IsNullOrWhiteSpace(ConnectionString) ? "Data Source=" + Path.Combine(storage.ResolveDataFolder(), "answerback.db") : ConnectionString;
    }
}

/// <summary>The <c>Storage</c> section: the data folder (SQLite file, outbox).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>The data folder, relative to the current directory unless absolute. Default <c>data</c>.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>The data folder as an absolute path, created if missing.</summary>
    public string ResolveDataFolder()
    {
        var path = Path.GetFullPath(DataFolder);
        Directory.CreateDirectory(path);
        return path;
    }
}
