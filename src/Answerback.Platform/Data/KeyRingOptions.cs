namespace Answerback.Platform.Data;

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
