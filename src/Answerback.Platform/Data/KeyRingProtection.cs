using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Answerback.Platform.Data;

/// <summary>
/// Encrypts the data-protection key ring at rest with the RSA certificate of
/// <c>DataProtection:CertificatePath</c>: each key's XML is sealed with a fresh AES-256-GCM key,
/// itself wrapped with the certificate's public key (RSA-OAEP-SHA256). Read from the options when
/// the key manager is built, so configuration given to the host after <c>AddPlatform</c> still counts
/// (ASP.NET's own <c>ProtectKeysWithCertificate</c> needs the certificate at registration, and its
/// decryption options are internal). Without a certificate the keys are stored unencrypted, as
/// ASP.NET Core writes them: the web host allows that only in Development.
/// </summary>
public static class KeyRingProtection
{
    /// <summary>Loads the configured certificate; null when none is configured.</summary>
    public static X509Certificate2? LoadCertificate(KeyRingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.CertificatePath)
            ? null
            : X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
    }

    internal static void Add(IServiceCollection services)
    {
        services.AddSingleton<KeyRingCertificate>();
        services.AddOptions<KeyManagementOptions>().Configure<KeyRingCertificate>((options, certificate) =>
        {
            if (certificate.Value is not null)
            {
                options.XmlEncryptor = new CertificateKeyEncryptor(certificate);
            }
        });
    }

    /// <summary>The certificate, loaded once.</summary>
    internal sealed class KeyRingCertificate(IOptions<KeyRingOptions> options) : IDisposable
    {
        private readonly Lazy<X509Certificate2?> certificate = new(() => LoadCertificate(options.Value));

        public X509Certificate2? Value => certificate.Value;

        public void Dispose()
        {
            if (certificate.IsValueCreated)
            {
                certificate.Value?.Dispose();
            }
        }
    }

    private sealed class CertificateKeyEncryptor(KeyRingCertificate certificate) : IXmlEncryptor
    {
        public EncryptedXmlInfo Encrypt(XElement plaintextElement)
        {
            ArgumentNullException.ThrowIfNull(plaintextElement);
            var cert = certificate.Value ?? throw new InvalidOperationException("DataProtection:CertificatePath is not set.");
            using var rsa = cert.GetRSAPublicKey() ?? throw new InvalidOperationException("The data-protection certificate must have an RSA key.");
            var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
            var key = RandomNumberGenerator.GetBytes(32);
            var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
            var cipher = new byte[plain.Length];
            var tag = new byte[AesGcm.TagByteSizes.MaxSize];
            using (var aes = new AesGcm(key, tag.Length))
            {
                aes.Encrypt(nonce, plain, cipher, tag);
            }

            var element = new XElement("sealedKey",
                new XAttribute("certificate", cert.Thumbprint),
                new XElement("wrappedKey", Convert.ToBase64String(rsa.Encrypt(key, RSAEncryptionPadding.OaepSHA256))),
                new XElement("nonce", Convert.ToBase64String(nonce)),
                new XElement("tag", Convert.ToBase64String(tag)),
                new XElement("value", Convert.ToBase64String(cipher)));
            CryptographicOperations.ZeroMemory(key);
            return new EncryptedXmlInfo(element, typeof(CertificateKeyDecryptor));
        }
    }

    /// <summary>Created by data protection's activator, which passes the service provider.</summary>
    internal sealed class CertificateKeyDecryptor(IServiceProvider services) : IXmlDecryptor
    {
        public XElement Decrypt(XElement encryptedElement)
        {
            ArgumentNullException.ThrowIfNull(encryptedElement);
            var cert = services.GetRequiredService<KeyRingCertificate>().Value
                ?? throw new InvalidOperationException("The key ring is encrypted: set DataProtection:CertificatePath to the certificate that encrypted it.");
            using var rsa = cert.GetRSAPrivateKey() ?? throw new InvalidOperationException("The data-protection certificate has no private key.");
            var key = rsa.Decrypt(Convert.FromBase64String((string)encryptedElement.Element("wrappedKey")!), RSAEncryptionPadding.OaepSHA256);
            var nonce = Convert.FromBase64String((string)encryptedElement.Element("nonce")!);
            var tag = Convert.FromBase64String((string)encryptedElement.Element("tag")!);
            var cipher = Convert.FromBase64String((string)encryptedElement.Element("value")!);
            var plain = new byte[cipher.Length];
            using (var aes = new AesGcm(key, tag.Length))
            {
                aes.Decrypt(nonce, cipher, tag, plain);
            }

            CryptographicOperations.ZeroMemory(key);
            return XElement.Parse(Encoding.UTF8.GetString(plain));
        }
    }
}
