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

/// <summary>The <c>Email</c> section. SMTP is used when <c>Email:Smtp:Host</c> is set, the outbox otherwise.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>The sender address, e.g. <c>Answerback &lt;noreply@example.org&gt;</c>.</summary>
    public string From { get; set; } = "Answerback <noreply@answerback.invalid>";

    public SmtpOptions Smtp { get; set; } = new();
}

/// <summary>The <c>Email:Smtp</c> section.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>TLS: <c>Auto</c> (default), <c>StartTls</c>, <c>SslOnConnect</c> or <c>None</c>.</summary>
    public string Security { get; set; } = "Auto";
}

/// <summary>The <c>Residency</c> section.</summary>
public sealed class ResidencyOptions
{
    public const string Section = "Residency";

    /// <summary>
    /// The HMAC key for register and member-list hashes, base64 (at least 32 bytes), from a secret
    /// store. Never kept in the database, so that a dump alone cannot be searched for elector numbers.
    /// </summary>
    public string? HashKey { get; set; }

    /// <summary>A file holding the key (base64), instead of <see cref="HashKey"/>.</summary>
    public string? HashKeyFile { get; set; }

    /// <summary>
    /// Development only (the web host refuses it elsewhere): generate the key once into
    /// <c>&lt;data folder&gt;/residency-hash.key</c> when neither of the above is set.
    /// </summary>
    public bool GenerateKeyFile { get; set; }

    /// <summary>How long a verified residency stays before it can be moved to another elector (default 30 days).</summary>
    public TimeSpan MoveCoolDown { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Failed verification attempts allowed per account per hour (default 5).</summary>
    public int MaxFailedAttemptsPerHour { get; set; } = 5;
}

/// <summary>The <c>Demo</c> section, read by the web host.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seed the demo data and show the demo sign-in panel.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// Outside Development the demo (whose outbox anyone can read) only starts when this is set
    /// too, and a warning is logged: it says the operator knows the outbox is public.
    /// </summary>
    public bool AllowPublicOutbox { get; set; }
}

/// <summary>
/// The <c>DataProtection</c> section: the certificate that encrypts the data-protection key ring
/// at rest (the keys sign cookies and account-link tokens, and are stored in the database so every
/// web node shares them). Required outside Development.
/// </summary>
public sealed class KeyRingOptions
{
    public const string Section = "DataProtection";

    /// <summary>A PKCS#12 (.pfx) file with an RSA certificate and its private key.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PFX file's password, if it has one.</summary>
    public string? CertificatePassword { get; set; }
}
