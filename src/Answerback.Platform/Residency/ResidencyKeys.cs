using System.Security.Cryptography;

namespace Answerback.Platform.Residency;

/// <summary>
/// Where the residency HMAC key comes from, in order: <c>Residency:HashKey</c> (base64), the file
/// named by <c>Residency:HashKeyFile</c> (its base64 text), or, only when
/// <c>Residency:GenerateKeyFile</c> is true (the web host allows it in Development alone), a key
/// generated once into <c>&lt;data folder&gt;/residency-hash.key</c>. Never the database.
/// </summary>
public static class ResidencyKeys
{
    /// <summary>The message when no key is configured.</summary>
    public const string MissingMessage =
        "Residency:HashKey (base64 of at least 32 bytes) or Residency:HashKeyFile must be set: the key that hashes register entries and member emails is never kept in the database.";

    /// <summary>True when the options name a key (or allow a generated one).</summary>
    public static bool IsConfigured(ResidencyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return !string.IsNullOrWhiteSpace(options.HashKey) || !string.IsNullOrWhiteSpace(options.HashKeyFile) || options.GenerateKeyFile;
    }

    /// <summary>Reads (or, when allowed, generates) the key; a clear <see cref="InvalidOperationException"/> otherwise.</summary>
    public static byte[] Load(ResidencyOptions options, StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(storage);
        if (!string.IsNullOrWhiteSpace(options.HashKey))
        {
            return ResidencyHasher.ParseKey(options.HashKey) ?? throw new InvalidOperationException("Residency:HashKey must be base64 of at least 32 bytes.");
        }

        if (!string.IsNullOrWhiteSpace(options.HashKeyFile))
        {
            if (!File.Exists(options.HashKeyFile))
            {
                throw new InvalidOperationException($"Residency:HashKeyFile: {options.HashKeyFile} does not exist.");
            }

            return ResidencyHasher.ParseKey(File.ReadAllText(options.HashKeyFile))
                ?? throw new InvalidOperationException($"Residency:HashKeyFile: {options.HashKeyFile} must hold base64 of at least 32 bytes.");
        }

        if (!options.GenerateKeyFile)
        {
            throw new InvalidOperationException(MissingMessage);
        }

        var path = Path.Combine(storage.ResolveDataFolder(), ResidencyHasher.GeneratedKeyFileName);
        try
        {
            // CreateNew: of two processes starting together, one writes the key and the other reads it.
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            using var writer = new StreamWriter(stream);
            writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        }
        catch (IOException) when (File.Exists(path))
        {
            // Already generated: read it below.
        }

        return ResidencyHasher.ParseKey(File.ReadAllText(path))
            ?? throw new InvalidOperationException($"{path} must hold base64 of at least 32 bytes (delete it to generate a new key in Development).");
    }
}
