using System.Text;

namespace Answerback.Platform.Common;

/// <summary>URL-safe names: "King's Hedges" becomes "kings-hedges".</summary>
public static class Slugs
{
    /// <summary>Lower-case ASCII letters and digits, words joined by single hyphens; apostrophes dropped.</summary>
    public static string From(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length);
        var pendingHyphen = false;
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (pendingHyphen && builder.Length > 0)
                {
                    builder.Append('-');
                }

                pendingHyphen = false;
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (c is '\'' or '\u2019' || System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                // Apostrophes and accents vanish: "Queen Edith's" is "queen-ediths", "Café" is "cafe".
            }
            else
            {
                pendingHyphen = true;
            }
        }

        return builder.ToString();
    }

    /// <summary>True for a non-empty slug of lower-case letters, digits and single inner hyphens.</summary>
    public static bool IsValid(string slug)
        => !string.IsNullOrEmpty(slug) && slug.Length <= 100 && string.Equals(From(slug), slug, StringComparison.Ordinal);
}
