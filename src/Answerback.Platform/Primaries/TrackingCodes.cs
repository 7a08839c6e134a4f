using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Answerback.Platform.Primaries;

/// <summary>
/// A ballot's tracking code: 10 symbols of <see cref="Alphabet"/> drawn by the operating system's
/// cryptographic generator, so 50 bits that say nothing about the voter or the moment of casting. The
/// code is public on the board; a voter who kept theirs finds their entry and, after the close, the
/// ballot recorded for it. Codes are unique within a primary: with 100,000 ballots two draws collide
/// with probability about 4 in a million, and the casting use case draws again when they do.
/// </summary>
public static class TrackingCodes
{
    /// <summary>Symbols in a tracking code.</summary>
    public const int Length = 10;

    /// <summary>The symbols used: Crockford's Base32 (digits and capitals without I, L, O and U).</summary>
    public static string Alphabet => CodeAlphabet.Symbols;

    /// <summary>A new random tracking code, in canonical form.</summary>
    public static string New() => RandomNumberGenerator.GetString(CodeAlphabet.Symbols, Length);

    /// <summary>True for a code exactly as the board prints it: 10 symbols, upper case, no separators.</summary>
    public static bool IsCanonical(string? code) => CodeAlphabet.IsCanonical(code, Length);

    /// <summary>
    /// Reads a code a voter typed: case, spaces and hyphens do not matter, O is read as 0 and I or L as 1.
    /// False when what remains is not 10 symbols.
    /// </summary>
    public static bool TryNormalise(string? input, [NotNullWhen(true)] out string? code)
    {
        code = CodeAlphabet.Normalise(input, out _);
        if (code?.Length != Length)
        {
            code = null;
        }

        return code is not null;
    }

    /// <summary>The code as shown to a voter: two groups of five (<c>K7M2Q-9XW4D</c>).</summary>
    public static string Format(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return CodeAlphabet.Group(code, 5);
    }
}
