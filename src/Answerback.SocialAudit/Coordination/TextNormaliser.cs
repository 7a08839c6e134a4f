using System.Text;

namespace Answerback.SocialAudit;

/// <summary>
/// The text normalisation of co-text and co-similar, as the QUT toolkit defines it: lower case, every
/// <c>@</c>-word removed (from the <c>@</c> to the next white space), white space collapsed to one space and trimmed;
/// optionally every <c>http://</c> or <c>https://</c> word removed as well. Works into a caller's buffer so that
/// ten million posts can be hashed without a string each.
/// </summary>
public static class TextNormaliser
{
    // White space other than the plain space, and the mention sign: their presence needs the slow path.
    private static readonly System.Buffers.SearchValues<char> NotPlain = System.Buffers.SearchValues.Create("@\t\n\v\f\r");

    /// <summary>The normalised text as a string (for display and tests).</summary>
    public static string Normalise(string text, bool removeUrls = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var buffer = text.Length <= 1024 ? stackalloc char[text.Length] : new char[text.Length];
        return new string(buffer[..Normalise(text, removeUrls, buffer)]);
    }

    /// <summary>Writes the normalised text into <paramref name="destination"/> (at least as long as the text) and returns its length.</summary>
    public static int Normalise(ReadOnlySpan<char> text, bool removeUrls, Span<char> destination)
    {
        // This runs once per post on ten million posts. Most posts are plain ASCII with single spaces and no
        // mention: those are lower-cased with the vectorised ASCII routine in one go.
        if (text.Length > 0 && text[0] != ' ' && text[^1] != ' ' && Ascii.IsValid(text)
            && text.IndexOfAny(NotPlain) < 0 && !text.Contains("  ", StringComparison.Ordinal)
            && !(removeUrls && text.Contains("http", StringComparison.OrdinalIgnoreCase)))
        {
            Ascii.ToLower(text, destination, out var written);
            return written;
        }

        // Otherwise one pass, one character at a time.
        var length = 0;
        var wordStart = -1; // where the current word's leading space (or first character) was written; -1 outside a word
        var skipping = false; // after an @, up to the next white space
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 128 ? c == ' ' || (c >= '\t' && c <= '\r') : char.IsWhiteSpace(c))
            {
                if (wordStart >= 0 && removeUrls && IsUrl(destination[(wordStart > 0 ? wordStart + 1 : 0)..length]))
                {
                    length = wordStart;
                }

                wordStart = -1;
                skipping = false;
                continue;
            }

            if (skipping)
            {
                continue;
            }

            if (c == '@')
            {
                skipping = true;
                continue;
            }

            if (wordStart < 0)
            {
                wordStart = length;
                if (length > 0)
                {
                    destination[length++] = ' ';
                }
            }

            if (c < 128)
            {
                destination[length++] = c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                length += text.Slice(i, 2).ToLowerInvariant(destination[length..]);
                i++;
            }
            else
            {
                destination[length++] = char.ToLowerInvariant(c);
            }
        }

        if (wordStart >= 0 && removeUrls && IsUrl(destination[(wordStart > 0 ? wordStart + 1 : 0)..length]))
        {
            length = wordStart;
        }

        return length;
    }

    /// <summary>
    /// The word tokens of co-similar: the distinct maximal runs of letters, digits, marks, <c>_</c> and inner
    /// apostrophes of the normalised text, each as a 64-bit hash, sorted ascending, appended to <paramref name="into"/>.
    /// Returns the number of distinct tokens.
    /// </summary>
    public static int TokenHashes(ReadOnlySpan<char> text, bool removeUrls, List<ulong> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        Span<char> normalised = text.Length <= 2048 ? stackalloc char[text.Length] : new char[text.Length];
        var n = Normalise(text, removeUrls, normalised);
        var span = normalised[..n];
        var start = into.Count;
        var i = 0;
        while (i < span.Length)
        {
            if (!IsTokenChar(span[i]) || span[i] == '\'')
            {
                i++;
                continue;
            }

            var end = i;
            while (end < span.Length && IsTokenChar(span[end]))
            {
                end++;
            }

            var token = span[i..end].TrimEnd('\'');
            into.Add(Hash64(token));
            i = end;
        }

        var added = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(into)[start..];
        added.Sort();
        var distinct = added.Length == 0 ? 0 : 1;
        for (var k = 1; k < added.Length; k++)
        {
            if (added[k] != added[distinct - 1])
            {
                added[distinct++] = added[k];
            }
        }

        into.RemoveRange(start + distinct, added.Length - distinct);
        return distinct;
    }

    /// <summary>The distinct tokens as strings, sorted ordinally (for display and tests).</summary>
    public static IReadOnlyList<string> Tokens(string text, bool removeUrls = false)
    {
        var normalised = Normalise(text, removeUrls);
        var tokens = new SortedSet<string>(StringComparer.Ordinal);
        var i = 0;
        while (i < normalised.Length)
        {
            if (!IsTokenChar(normalised[i]) || normalised[i] == '\'')
            {
                i++;
                continue;
            }

            var end = i;
            while (end < normalised.Length && IsTokenChar(normalised[end]))
            {
                end++;
            }

            tokens.Add(normalised[i..end].TrimEnd('\''));
            i = end;
        }

        return [.. tokens];
    }

    internal static bool IsUrl(ReadOnlySpan<char> word) =>
        word.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || word.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    private static bool IsTokenChar(char c) =>
        char.IsLetterOrDigit(c) || c == '_' || c == '\'' || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark;

    /// <summary>A 64-bit FNV-1a over the UTF-16 code units, finished with a SplitMix64 avalanche.</summary>
    internal static ulong Hash64(ReadOnlySpan<char> s)
    {
        var h = 14695981039346656037UL;
        foreach (var c in s)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        return Mix(h);
    }

    /// <summary>
    /// A 64-bit hash of a normalised text, eight bytes at a time. Equal hashes are always confirmed by comparing the
    /// texts, so its only duty is to spread different texts.
    /// </summary>
    internal static ulong HashText(ReadOnlySpan<char> s)
    {
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(s);
        var h = 0x27D4EB2F165667C5UL ^ ((ulong)bytes.Length * 0x9E3779B97F4A7C15UL);
        var i = 0;
        for (; i + 8 <= bytes.Length; i += 8)
        {
            var v = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes[i..]);
            h = ulong.RotateLeft(h ^ (v * 0xC2B2AE3D27D4EB4FUL), 31) * 0x9E3779B97F4A7C15UL;
        }

        if (i < bytes.Length)
        {
            ulong v = 0;
            for (var j = bytes.Length - 1; j >= i; j--)
            {
                v = (v << 8) | bytes[j];
            }

            h = ulong.RotateLeft(h ^ (v * 0xC2B2AE3D27D4EB4FUL), 31) * 0x9E3779B97F4A7C15UL;
        }

        return Mix(h);
    }

    /// <summary>The SplitMix64 finaliser.</summary>
    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
