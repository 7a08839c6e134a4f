namespace Answerback.Platform.Residency;

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
