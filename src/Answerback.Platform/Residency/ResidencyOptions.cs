namespace Answerback.Platform.Residency;

/// <summary>The <c>Residency</c> section.</summary>
public sealed class ResidencyOptions
{
    public const string Section = "Residency";

    /// <summary>
    /// The HMAC key for register and member-list hashes, base64 (at least 32 bytes). When absent, a
    /// key is generated once and stored in the database. Production should set it (from a secret
    /// store) so that a database dump alone cannot be searched for elector numbers.
    /// </summary>
    public string? HashKey { get; set; }

    /// <summary>Failed verification attempts allowed per account per hour (default 5).</summary>
    public int MaxFailedAttemptsPerHour { get; set; } = 5;
}
