using System.Globalization;
using System.Text.Json;
using Answerback.Formats;

namespace Answerback.SocialAudit;

/// <summary>
/// The X/Twitter account archive ("Download an archive of your data"): <c>data/tweets.js</c> (older archives
/// <c>data/tweet.js</c>, large ones <c>tweets-part1.js</c> ...), each <c>window.YTD.tweets.partN = [ {"tweet": {...}} ]</c>
/// with numbers as strings and <c>created_at</c> like <c>Wed Oct 10 20:19:24 +0000 2018</c>; the account's id and
/// handle come from <c>data/account.js</c>. Retweets are recognised by their <c>RT @handle:</c> text: the archive
/// does not give the retweeted tweet's id, so <see cref="Post.RepostOfId"/> is a surrogate (<c>rt:handle:text</c>)
/// that is equal for retweets of the same tweet.
/// </summary>
public static class XArchiveReader
{
    /// <summary>Reads <c>account.js</c> content: the account id and handle.</summary>
    public static (string AccountId, string Handle) ReadAccount(byte[] content, string file)
    {
        var (json, _, _) = StripWrapper(content, file);
        string? id = null, handle = null;
        JsonElements.ForEach(json.Span, file, null, (e, line) =>
        {
            var account = e.Prop("account") ?? e;
            id ??= account.Str("accountId");
            handle ??= account.Str("username");
        });
        return (id ?? throw new InputFormatException(file, 0, 0, "no accountId found"), handle ?? "");
    }

    /// <summary>Reads one tweets file's content.</summary>
    public static List<Post> ReadTweets(byte[] content, string file, string accountId, string handle)
    {
        var (json, line, column) = StripWrapper(content, file);
        var posts = new List<Post>();
        JsonElements.ForEach(json.Span, file, null, (e, at) => posts.Add(ToPost(e.Prop("tweet") ?? e, file, at, accountId, handle)), line, column);
        return posts;
    }

    private static (ReadOnlyMemory<byte> Json, long Line, long Column) StripWrapper(byte[] content, string file)
    {
        var span = content.AsSpan();
        var start = span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        var bracket = span[start..].IndexOfAny((byte)'[', (byte)'{');
        var equals = span[start..].IndexOf((byte)'=');
        if (bracket < 0)
        {
            throw new InputFormatException(file, 1, 0, "expected 'window.YTD.<name>.part0 = [ ... ]'");
        }

        var from = equals >= 0 && equals < bracket ? start + bracket : start + bracket;
        var line = 1L + span[..from].Count((byte)'\n');
        var lastBreak = span[..from].LastIndexOf((byte)'\n');
        return (content.AsMemory(from), line, from - lastBreak - 1);
    }

    private static Post ToPost(JsonElement t, string file, long line, string accountId, string handle)
    {
        var id = t.Str("id_str") ?? t.Str("id") ?? throw new InputFormatException(file, line, 0, "a tweet without 'id_str'");
        var text = t.Str("full_text") ?? t.Str("text") ?? "";
        var entities = t.Prop("entities");
        var urls = entities?.Prop("urls").Items().Select(u => u.Str("expanded_url") ?? u.Str("url")).OfType<string>().ToList() ?? [];
        var mentions = entities?.Prop("user_mentions").Items().Select(u => u.Str("screen_name")).OfType<string>().ToList() ?? [];
        var hashtags = entities?.Prop("hashtags").Items().Select(u => u.Str("text")).OfType<string>().ToList() ?? [];
        var replyTo = t.Str("in_reply_to_status_id_str") ?? t.Str("in_reply_to_status_id");
        var replyToUser = t.Str("in_reply_to_user_id_str") ?? t.Str("in_reply_to_user_id");
        var quoted = t.Str("quoted_status_id_str") ?? urls.Select(QuotedId).FirstOrDefault(q => q is not null);
        var kind = PostKind.Original;
        string? repostOf = null;
        if (text.StartsWith("RT @", StringComparison.Ordinal))
        {
            kind = PostKind.Repost;
            var colon = text.IndexOf(": ", StringComparison.Ordinal);
            repostOf = colon > 4 ? "rt:" + text[4..colon].ToLowerInvariant() + ":" + text[(colon + 2)..] : "rt:" + text;
        }
        else if (replyTo is not null)
        {
            kind = PostKind.Reply;
        }
        else if (quoted is not null)
        {
            kind = PostKind.Quote;
            repostOf = quoted;
        }

        return new Post
        {
            Network = "x",
            Id = id,
            AccountId = accountId,
            Handle = handle,
            Time = ParseCreatedAt(t.Str("created_at"), file, line),
            Text = System.Net.WebUtility.HtmlDecode(text),
            Kind = kind,
            ReplyToPostId = replyTo,
            ReplyToAccountId = replyToUser,
            RepostOfId = repostOf,
            Urls = urls,
            Mentions = mentions,
            Hashtags = hashtags,
            Visibility = PostVisibility.Public,
        };
    }

    /// <summary>Parses <c>Wed Oct 10 20:19:24 +0000 2018</c>.</summary>
    public static DateTimeOffset ParseCreatedAt(string? value, string file, long line)
    {
        if (value is { Length: 30 } && value[20] is '+' or '-')
        {
            var withColon = string.Concat(value.AsSpan(0, 23), ":", value.AsSpan(23));
            if (DateTimeOffset.TryParseExact(withColon, "ddd MMM dd HH:mm:ss zzz yyyy", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var t))
            {
                return t;
            }
        }

        if (value is not null && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var iso))
        {
            return iso;
        }

        throw new InputFormatException(file, line, 0, $"'created_at' must look like 'Wed Oct 10 20:19:24 +0000 2018', found {(value is null ? "nothing" : "'" + value + "'")}");
    }

    private static string? QuotedId(string url)
    {
        foreach (var host in (string[])["://twitter.com/", "://x.com/", "://mobile.twitter.com/"])
        {
            var at = url.IndexOf(host, StringComparison.OrdinalIgnoreCase);
            var status = url.IndexOf("/status/", StringComparison.OrdinalIgnoreCase);
            if (at >= 0 && status > at)
            {
                var digits = new string(url[(status + 8)..].TakeWhile(char.IsAsciiDigit).ToArray());
                return digits.Length > 0 ? digits : null;
            }
        }

        return null;
    }
}
