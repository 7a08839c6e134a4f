using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Answerback.Platform.Residency;

/// <summary>
/// Keyed hashes (HMAC-SHA256) of register entries and member emails, so the database never holds
/// an elector number, a postcode from the register or a member's address. The key never lives in
/// the database (a dump beside its key could be searched): it comes from <c>Residency:HashKey</c>,
/// from the file <c>Residency:HashKeyFile</c>, or (Development only, <c>Residency:GenerateKeyFile</c>)
/// from a key file generated once in the data folder.
/// </summary>
public sealed class ResidencyHasher(IOptions<ResidencyOptions> options, IOptions<StorageOptions> storage, ResidencyKeyCache cache)
{
    /// <summary>The generated key file's name in the data folder (Development only).</summary>
    public const string GeneratedKeyFileName = "residency-hash.key";

    /// <summary>The HMAC key, read once per service provider.</summary>
    public Task<byte[]> GetKeyAsync(CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(cache.Key ??= ResidencyKeys.Load(options.Value, storage.Value));
    }

    /// <summary>The hash of a register entry (normalises both parts first).</summary>
    public async Task<string> HashEntryAsync(string electorNumber, string postcode, CancellationToken ct = default)
        => HashEntry(await GetKeyAsync(ct), NormaliseElectorNumber(electorNumber), NormalisePostcode(postcode));

    /// <summary>The hash of an email address (normalised first).</summary>
    public async Task<string> HashEmailAsync(string email, CancellationToken ct = default)
        => HashEmail(await GetKeyAsync(ct), NormaliseEmail(email));

    /// <summary>HMAC-SHA256 of an already normalised email address, lower-case hex.</summary>
    public static string HashEmail(byte[] key, string normalisedEmail)
        => Hash(key, "email\n" + normalisedEmail);

    /// <summary>HMAC-SHA256 of already normalised parts, lower-case hex.</summary>
    public static string HashEntry(byte[] key, string normalisedElectorNumber, string normalisedPostcode)
        => Hash(key, "register\n" + normalisedElectorNumber + "\n" + normalisedPostcode);

    /// <summary>Upper case, without spaces: "ab1 - 23" and "AB1-23" are the same elector number.</summary>
    public static string NormaliseElectorNumber(string electorNumber)
    {
        ArgumentNullException.ThrowIfNull(electorNumber);
        return RemoveWhitespace(electorNumber).ToUpperInvariant();
    }

    /// <summary>Upper case, without spaces: "cb1 2ab", "CB12AB" and " CB1 2AB " are one postcode.</summary>
    public static string NormalisePostcode(string postcode)
    {
        ArgumentNullException.ThrowIfNull(postcode);
        return RemoveWhitespace(postcode).ToUpperInvariant();
    }

    /// <summary>
    /// True for the shape of a UK postcode once normalised: an outward code of 2 to 4 letters and
    /// digits starting with a letter, then a digit and two letters (e.g. CB12AB, SW1A1AA).
    /// </summary>
    public static bool IsPostcode(string normalisedPostcode)
    {
        ArgumentNullException.ThrowIfNull(normalisedPostcode);
        var p = normalisedPostcode;
        if (p.Length is < 5 or > 7 || !char.IsAsciiLetterUpper(p[0]))
        {
            return false;
        }

        for (var i = 1; i < p.Length - 3; i++)
        {
            if (!char.IsAsciiLetterUpper(p[i]) && !char.IsAsciiDigit(p[i]))
            {
                return false;
            }
        }

        return char.IsAsciiDigit(p[^3]) && char.IsAsciiLetterUpper(p[^2]) && char.IsAsciiLetterUpper(p[^1]);
    }

    /// <summary>Trimmed and lower case (invariant).</summary>
    public static string NormaliseEmail(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return email.Trim().ToLowerInvariant();
    }

    internal static byte[]? ParseKey(string base64)
    {
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64.Trim(), buffer, out var written) && written >= 32 ? buffer[..written] : null;
    }

    private static string Hash(byte[] key, string text)
        => Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text)));

    private static string RemoveWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}

/// <summary>Holds the hash key once read, for the life of the service provider.</summary>
public sealed class ResidencyKeyCache
{
    internal byte[]? Key { get; set; }
}
