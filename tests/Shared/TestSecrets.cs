using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Answerback.Testing;

/// <summary>
/// The secrets a non-Development host requires, made for tests: a residency hash key and a
/// throwaway self-signed certificate (a PFX in the temp folder, one per test process) that encrypts
/// the data-protection key ring.
/// </summary>
public static class TestSecrets
{
    private static readonly Lazy<string> Certificate = new(CreateCertificate);

    /// <summary>A fresh base64 residency hash key.</summary>
    public static string NewHashKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The path of the throwaway PFX (no password).</summary>
    public static string CertificatePath => Certificate.Value;

    /// <summary>The settings every test host adds.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> HostSettings() =>
    [
        new("Residency:HashKey", NewHashKey()),
        new("DataProtection:CertificatePath", CertificatePath),
    ];

    private static string CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Answerback test key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var path = Path.Combine(Path.GetTempPath(), "answerback-test-keyring-" + Guid.NewGuid().ToString("N") + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx));
        return path;
    }
}
