namespace Answerback.Platform.Primaries;

/// <summary>
/// The symbols of tracking and credential codes: Douglas Crockford's Base32 alphabet
/// (https://www.crockford.com/base32.html), the digits and the upper-case letters without I, L and O
/// (they look like 1 and 0) and without U. No two symbols look alike, and 32 symbols carry exactly
/// 5 bits each. Reading what a person typed follows Crockford's decoding: case is ignored, O is read
/// as 0 and I or L as 1, and spaces and hyphens (added for reading) are dropped.
/// </summary>
internal static class CodeAlphabet
{
    public const string Symbols = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public const int BitsPerSymbol = 5;

    /// <summary>The symbol's value (0 to 31), or -1 for a character that is not a code symbol.</summary>
    public static int ValueOf(char c)
    {
        var upper = char.ToUpperInvariant(c);
        return upper switch
        {
            'O' => 0,
            'I' or 'L' => 1,
            _ => Symbols.IndexOf(upper, StringComparison.Ordinal),
        };
    }

    /// <summary>
    /// The code in canonical form (upper case, look-alikes folded, no separators), or null with the first
    /// character that is not a symbol.
    /// </summary>
    public static string? Normalise(string? input, out char? invalid)
    {
        invalid = null;
        var symbols = new char[input?.Length ?? 0];
        var n = 0;
        foreach (var c in input ?? "")
        {
            if (c == '-' || char.IsWhiteSpace(c))
            {
                continue;
            }

            var value = ValueOf(c);
            if (value < 0)
            {
                invalid = c;
                return null;
            }

            symbols[n++] = Symbols[value];
        }

        return new string(symbols, 0, n);
    }

    /// <summary>True when every character is a symbol as printed (no folding, no separators).</summary>
    public static bool IsCanonical(string? code, int length) =>
        code is not null && code.Length == length && code.All(c => Symbols.Contains(c, StringComparison.Ordinal));

    /// <summary>The code in groups of <paramref name="group"/> symbols joined by hyphens, for reading aloud or on paper.</summary>
    public static string Group(string code, int group) =>
        string.Join('-', code.Chunk(group).Select(chunk => new string(chunk)));
}
