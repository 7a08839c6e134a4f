using System.Globalization;
using System.Text;

namespace Answerback.Platform.Common;

/// <summary>
/// Finds statements that make the same point as a new one, for the "is your point one of these?"
/// prompt. A statement becomes a set of shingles: its words (lower case, accents and punctuation
/// removed, a plural "s" dropped, common function words left out) and each pair of adjacent words;
/// two statements are compared by the Jaccard index of their sets (shared / all).
/// <see cref="Threshold"/> is 0.5: reordering a clause or adding or dropping one word of a 6–12 word
/// statement keeps it above 0.5 (e.g. "We should build more council homes in Cambridge" against
/// "Cambridge should build more council homes": 0.83), while two statements that only share a topic
/// ("more council homes" against "council homes should be insulated") fall below. Nothing in it is
/// tuned to one conversation: it only knows English function words.
/// </summary>
public static class NearDuplicates
{
    /// <summary>The Jaccard index at or above which a statement is offered as a near-duplicate.</summary>
    public const double Threshold = 0.5;

    private static readonly HashSet<string> FunctionWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "by", "with", "we", "i", "it", "is",
        "are", "be", "this", "that", "there", "our", "my", "as", "so", "do", "does",
    };

    /// <summary>The shingle set of a statement.</summary>
    public static HashSet<string> Shingles(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = Words(text);
        var set = new HashSet<string>(words, StringComparer.Ordinal);
        for (var i = 1; i < words.Count; i++)
        {
            set.Add(words[i - 1] + " " + words[i]);
        }

        return set;
    }

    /// <summary>Jaccard index of two shingle sets (0 when both are empty).</summary>
    public static double Similarity(HashSet<string> a, HashSet<string> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }

    /// <summary>The candidates at or above <see cref="Threshold"/>, most similar first, at most <paramref name="limit"/>.</summary>
    public static IReadOnlyList<(T Item, double Similarity)> Find<T>(string text, IEnumerable<T> candidates, Func<T, string> textOf, int limit = 5)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(textOf);
        var shingles = Shingles(text);
        return [.. candidates
            .Select(c => (Item: c, Similarity: Similarity(shingles, Shingles(textOf(c)))))
            .Where(c => c.Similarity >= Threshold)
            .OrderByDescending(c => c.Similarity)
            .Take(limit)];
    }

    private static List<string> Words(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            folded.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        var words = new List<string>();
        foreach (var raw in folded.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (FunctionWords.Contains(raw))
            {
                continue;
            }

            // A crude plural rule ("homes" = "home"), not a stemmer: enough for the prompt, and wrong
            // only on words like "bus", which then still match themselves.
            words.Add(raw.Length > 3 && raw.EndsWith('s') && !raw.EndsWith("ss", StringComparison.Ordinal) ? raw[..^1] : raw);
        }

        return words;
    }
}
