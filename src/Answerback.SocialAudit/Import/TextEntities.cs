namespace Answerback.SocialAudit;

/// <summary>Mentions, hashtags and links found in plain text, for sources that do not list them.</summary>
internal static class TextEntities
{
    public static List<string> Mentions(string text) => Prefixed(text, '@');

    public static List<string> Hashtags(string text) => Prefixed(text, '#');

    public static List<string> Urls(string text)
    {
        var urls = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var http = text.IndexOf("http", i, StringComparison.Ordinal);
            if (http < 0)
            {
                break;
            }

            var end = http;
            while (end < text.Length && !char.IsWhiteSpace(text[end]))
            {
                end++;
            }

            var candidate = text[http..end];
            if (candidate.StartsWith("http://", StringComparison.Ordinal) || candidate.StartsWith("https://", StringComparison.Ordinal))
            {
                urls.Add(candidate);
            }

            i = end;
        }

        return urls;
    }

    private static List<string> Prefixed(string text, char prefix)
    {
        var found = new List<string>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != prefix || (i > 0 && IsWordChar(text[i - 1])))
            {
                continue;
            }

            var end = i + 1;
            while (end < text.Length && (IsWordChar(text[end]) || (prefix == '@' && (text[end] == '.' || text[end] == '@') && end + 1 < text.Length && IsWordChar(text[end + 1]))))
            {
                end++;
            }

            if (end > i + 1)
            {
                found.Add(text[(i + 1)..end]);
            }

            i = end - 1;
        }

        return found;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}
