using System.Text;

namespace Answerback.Platform.Comments;

/// <summary>Normalising comment text and telling near-identical texts apart.</summary>
public static class CommentText
{
    /// <summary>Lower-case letters and digits, words separated by single spaces: punctuation, case and spacing do not make a new comment.</summary>
    public static string Fingerprint(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c))
            {
                if (space && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else
            {
                space = true;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// True when two fingerprints differ by at most a tenth of their length in single-character
    /// edits (and at least 2): a typo fixed or a word added is still the same comment.
    /// </summary>
    public static bool NearlyIdentical(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var allowed = Math.Max(2, Math.Max(a.Length, b.Length) / 10);
        if (Math.Abs(a.Length - b.Length) > allowed)
        {
            return false;
        }

        // Levenshtein distance in two rows, stopping once every cell of a row exceeds the allowance.
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var best = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                best = Math.Min(best, current[j]);
            }

            if (best > allowed)
            {
                return false;
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length] <= allowed;
    }
}
