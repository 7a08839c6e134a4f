using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Answerback.Platform.Primaries;

/// <summary>
/// Credential codes for postal and in-person voting: whoever holds one may cast one ballot in one
/// primary without an account. A code is 19 random symbols of Crockford's Base32 (95 bits from the
/// cryptographic generator) and one check symbol, printed in five groups of four
/// (<c>7KQ2-M9XD-R4TW-HB5N-3ZC8</c>). The check symbol is Damm's (see <see cref="DammCheck"/>): it
/// catches every single mistyped symbol and every swap of two adjacent symbols, before any lookup.
/// Only <see cref="Hash"/> of a code is stored, so a copy of the database cannot be used to vote.
/// </summary>
public static class CredentialCodes
{
    /// <summary>Random symbols in a code (the last of the <see cref="Length"/> symbols is the check).</summary>
    public const int RandomSymbols = 19;

    /// <summary>Symbols in a code, check symbol included.</summary>
    public const int Length = RandomSymbols + 1;

    /// <summary>Bits of entropy: 19 symbols of 5 bits.</summary>
    public const int EntropyBits = RandomSymbols * CodeAlphabet.BitsPerSymbol;

    /// <summary>A new random code in canonical form (20 symbols, no hyphens).</summary>
    public static string New()
    {
        var body = RandomNumberGenerator.GetString(CodeAlphabet.Symbols, RandomSymbols);
        return body + CheckSymbol(body);
    }

    /// <summary>The check symbol for <paramref name="body"/> (canonical symbols).</summary>
    public static char CheckSymbol(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return CodeAlphabet.Symbols[DammCheck.CheckValue(body.Select(CodeAlphabet.ValueOf))];
    }

    /// <summary>The code in five groups of four for printing: <c>7KQ2-M9XD-R4TW-HB5N-3ZC8</c>.</summary>
    public static string Format(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return CodeAlphabet.Group(code, 4);
    }

    /// <summary>
    /// Reads a code as typed: case, spaces and hyphens do not matter, O is read as 0 and I or L as 1.
    /// On failure <paramref name="error"/> says what is wrong in words a voter can act on.
    /// </summary>
    public static bool TryParse(string? input, [NotNullWhen(true)] out string? code, [NotNullWhen(false)] out string? error)
    {
        code = CodeAlphabet.Normalise(input, out var invalid);
        error = null;
        if (code is null)
        {
            error = $"'{invalid}' is not used in codes: they have only the digits and the letters A to Z without I, L, O and U.";
        }
        else if (code.Length == 0)
        {
            error = "Enter the code printed on your letter.";
        }
        else if (code.Length != Length)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"A code has {Length} characters; this has {code.Length}. Check you have copied all five groups.");
        }
        else if (!DammCheck.IsValid(code.Select(CodeAlphabet.ValueOf)))
        {
            error = "This code has a typing mistake: check each character against your letter.";
        }

        if (error is not null || code is null)
        {
            code = null;
            error ??= "Enter the code printed on your letter.";
            return false;
        }

        return true;
    }

    /// <summary>
    /// HMAC-SHA256 of a canonical code, lower-case hex: what the database keeps. The key is the
    /// platform's residency key (<c>Residency:HashKey</c> from configuration, see
    /// <c>ResidencyHasher.GetKeyAsync</c>); the prefix <c>credential</c> and the primary's id keep these
    /// hashes apart from register hashes and from other primaries' codes. A fast keyed hash is enough: a
    /// code has 95 random bits, so there is no dictionary to try.
    /// </summary>
    public static string Hash(byte[] key, string primaryId, string code)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(primaryId);
        ArgumentNullException.ThrowIfNull(code);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("credential\n" + primaryId + "\n" + code)));
    }
}

/// <summary>
/// Damm's check-digit scheme over 32 symbols. H. Michael Damm, "Total anti-symmetrische Quasigruppen",
/// dissertation, Philipps-Universität Marburg, 2004, example 5.2: in a finite field of order q ≠ 2, the
/// operation <c>x ∗ y = a·x + y</c> with a ∉ {0, 1} is a totally anti-symmetric quasigroup. Here the
/// field is GF(2⁵) modulo x⁵ + x² + 1 and a = x (the element 2), so <c>x ∗ y = 2·x ⊕ y</c>.
/// A code d₁…dₙ is valid when (…((0 ∗ d₁) ∗ d₂) ∗ …) ∗ dₙ = 0. Being a quasigroup, a change of any one
/// symbol changes the result (every single error is caught); total anti-symmetry, (c ∗ x) ∗ y = (c ∗ y) ∗ x
/// only when x = y, catches every swap of adjacent unequal symbols, the check symbol included.
/// </summary>
internal static class DammCheck
{
    private const int Order = 32;

    // x⁵ + x² + 1 (binary 100101), irreducible over GF(2): reduces a product back into 5 bits.
    private const int Modulus = 0b100101;

    /// <summary>x ∗ y = 2·x ⊕ y in GF(32).</summary>
    public static int Operate(int x, int y) => Double(x) ^ y;

    /// <summary>The interim value after folding the symbols from 0.</summary>
    public static int Fold(IEnumerable<int> values)
    {
        var interim = 0;
        foreach (var v in values)
        {
            interim = Operate(interim, v);
        }

        return interim;
    }

    /// <summary>The check value r with Fold(values) ∗ r = 0, that is r = 2·Fold(values).</summary>
    public static int CheckValue(IEnumerable<int> values) => Double(Fold(values));

    /// <summary>True when the values, check value last, fold to 0.</summary>
    public static bool IsValid(IEnumerable<int> values) => Fold(values) == 0;

    private static int Double(int x)
    {
        var doubled = x << 1;
        return doubled >= Order ? doubled ^ Modulus : doubled;
    }
}
