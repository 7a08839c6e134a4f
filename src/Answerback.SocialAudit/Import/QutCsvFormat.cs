using System.Globalization;
using Answerback.Formats;
using Answerback.Formats.Csv;

namespace Answerback.SocialAudit;

/// <summary>
/// The generic CSV of the QUT Digital Observatory's coordination-network-toolkit: a header, then the columns
/// <c>message_id,user_id,username,repost_id,reply_id,message,timestamp,urls</c> (the toolkit writes them in that order). The timestamp is in
/// seconds (any consistent epoch; we read it as Unix seconds, fractions allowed) or an ISO 8601 instant; <c>urls</c>
/// is space separated, as the toolkit defines it, or a bracketed list (<c>['a', 'b']</c>) as in its sample file.
/// </summary>
public static class QutCsvFormat
{
    /// <summary>The header the toolkit documents.</summary>
    public static readonly IReadOnlyList<string> Columns = ["message_id", "user_id", "username", "repost_id", "reply_id", "message", "timestamp", "urls"];

    /// <summary>
    /// Reads posts from a stream, lazily; <paramref name="file"/> names the source in errors. The columns are found
    /// by name (any order, any case; other columns ignored).
    /// </summary>
    public static IEnumerable<Post> Read(Stream stream, string file, string network = "csv")
    {
        using var csv = new CsvReader(stream, file);
        var header = CsvHeader.Read(csv, string.Join(',', Columns));
        var columns = Columns.Select(header.Required).ToArray();
        while (csv.Read())
        {
            header.CheckWidth(csv);
            yield return ToPost(csv, columns, network);
        }
    }

    private static Post ToPost(CsvReader csv, int[] columns, string network)
    {
        var f = columns.Select(csv.GetString).ToArray();
        if (f[0].Length == 0 || f[1].Length == 0)
        {
            throw csv.Error("message_id and user_id must not be empty");
        }

        var repost = f[3].Length == 0 ? null : f[3];
        var reply = f[4].Length == 0 ? null : f[4];
        var message = f[5];
        return new Post
        {
            Network = network,
            Id = f[0],
            AccountId = f[1],
            Handle = f[2],
            RepostOfId = repost,
            ReplyToPostId = reply,
            Kind = repost is not null ? PostKind.Repost : reply is not null ? PostKind.Reply : PostKind.Original,
            Text = message,
            Time = ParseTime(f[6], csv.File, csv.Line),
            Urls = ParseUrls(f[7]),
            Mentions = TextEntities.Mentions(message),
            Hashtags = TextEntities.Hashtags(message),
            Visibility = PostVisibility.Public,
        };
    }

    internal static DateTimeOffset ParseTime(string value, string file, long line)
    {
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds)
            && Math.Abs(seconds) < 2.5e11)
        {
            return DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            return instant;
        }

        throw new InputFormatException(file, line, 0, $"timestamp '{value}' is neither seconds since 1970 nor an ISO 8601 date and time");
    }

    internal static List<string> ParseUrls(string value)
    {
        var trimmed = value.Trim();
        if (trimmed.Length == 0 || trimmed == "[]")
        {
            return [];
        }

        if (trimmed[0] == '[' && trimmed[^1] == ']')
        {
            return trimmed[1..^1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(u => u.Trim('\'', '"'))
                .Where(u => u.Length > 0)
                .ToList();
        }

        return trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    /// <summary>Writes posts in the toolkit's CSV (urls space separated), so its tools can read our imports.</summary>
    public static void Write(IEnumerable<Post> posts, TextWriter writer)
    {
        writer.Write(string.Join(',', Columns));
        writer.Write('\n');
        foreach (var p in posts)
        {
            var seconds = (p.Time - DateTimeOffset.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond;
            writer.Write(string.Join(',',
                Quote(p.Id), Quote(p.AccountId), Quote(p.Handle), Quote(p.Kind == PostKind.Repost ? p.RepostOfId ?? "" : ""),
                Quote(p.ReplyToPostId ?? ""), Quote(p.Text), seconds.ToString("R", CultureInfo.InvariantCulture), Quote(string.Join(' ', p.Urls))));
            writer.Write('\n');
        }
    }

    private static string Quote(string s) =>
        s.AsSpan().IndexOfAny(",\"\r\n") < 0 ? s : "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
