using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text;
using Answerback.Formats;

namespace Answerback.SocialAudit;

/// <summary>
/// The Mastodon account archive: <c>outbox.json</c>, an ActivityStreams 2.0 <c>OrderedCollection</c> whose
/// <c>orderedItems</c> are <c>Create</c> activities (a <c>Note</c> with HTML <c>content</c>, <c>inReplyTo</c>,
/// <c>published</c>, <c>tag</c>) and <c>Announce</c> activities (boosts: the object is the boosted post's URL).
/// Visibility follows Mastodon's addressing: <c>as:Public</c> in <c>to</c> is public, in <c>cc</c> unlisted, the
/// followers collection only is followers-only, otherwise direct. The handle comes from <c>actor.json</c>
/// (<c>preferredUsername</c>) when present. The account replied to is the author part of <c>inReplyTo</c>
/// (<c>https://host/users/name</c>), which is how Mastodon builds status URLs.
/// </summary>
public static partial class MastodonArchiveReader
{
    private const string PublicAddress = "https://www.w3.org/ns/activitystreams#Public";

    /// <summary>The <c>preferredUsername</c> of <c>actor.json</c>.</summary>
    public static string? ReadHandle(byte[] actorJson, string file)
    {
        using var doc = JsonElements.Parse(actorJson, file);
        return Json.At(file, 1, () => doc.RootElement.Str("preferredUsername"));
    }

    /// <summary>Reads <c>outbox.json</c> content.</summary>
    public static List<Post> ReadOutbox(byte[] content, string file, string? handle)
    {
        var posts = new List<Post>();
        JsonElements.ForEach(content, file, "orderedItems", (e, line) =>
        {
            var post = ToPost(e, file, line, handle);
            if (post is not null)
            {
                posts.Add(post);
            }
        });
        return posts;
    }

    private static Post? ToPost(JsonElement activity, string file, long line, string? handle)
    {
        var type = activity.Str("type");
        var actor = activity.Str("actor") ?? throw new InputFormatException(file, line, 0, "an activity without 'actor'");
        handle ??= actor[(actor.LastIndexOf('/') + 1)..];
        if (type == "Announce")
        {
            var boosted = activity.Prop("object") is { ValueKind: JsonValueKind.String } s ? s.Text() : activity.Prop("object").Str("id");
            return new Post
            {
                Network = "mastodon",
                Id = activity.Str("id") ?? throw new InputFormatException(file, line, 0, "an Announce without 'id'"),
                AccountId = actor,
                Handle = handle,
                Time = Json.Iso(activity.Str("published"), file, line, "published"),
                Kind = PostKind.Repost,
                RepostOfId = boosted,
                Visibility = Visibility(activity, actor),
            };
        }

        if (type != "Create" || activity.Prop("object") is not { ValueKind: JsonValueKind.Object } note)
        {
            return null;
        }

        var html = note.Str("content") ?? "";
        var tags = note.Prop("tag").Items().ToList();
        var tagHrefs = tags.Select(t => t.Str("href")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var replyTo = note.Str("inReplyTo");
        var quote = note.Str("quote") ?? note.Str("quoteUri") ?? note.Str("_misskey_quote");
        return new Post
        {
            Network = "mastodon",
            Id = note.Str("id") ?? activity.Str("id") ?? throw new InputFormatException(file, line, 0, "a Note without 'id'"),
            AccountId = actor,
            Handle = handle,
            Time = Json.Iso(note.Str("published") ?? activity.Str("published"), file, line, "published"),
            Text = HtmlToText(html),
            Kind = replyTo is not null ? PostKind.Reply : quote is not null ? PostKind.Quote : PostKind.Original,
            ReplyToPostId = replyTo,
            ReplyToAccountId = replyTo is null ? null : AuthorOf(replyTo),
            RepostOfId = replyTo is null ? quote : null,
            Urls = Hrefs().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))
                .Where(h => !tagHrefs.Contains(h) && !h.Contains("/tags/", StringComparison.Ordinal) && !IsMentionLink(html, h)).Distinct(StringComparer.Ordinal).ToList(),
            Mentions = tags.Where(t => t.Str("type") == "Mention").Select(t => (t.Str("name") ?? "").TrimStart('@')).Where(n => n.Length > 0).ToList(),
            Hashtags = tags.Where(t => t.Str("type") == "Hashtag").Select(t => (t.Str("name") ?? "").TrimStart('#')).Where(n => n.Length > 0).ToList(),
            Visibility = Visibility(note.Prop("to") is null ? activity : note, actor),
        };
    }

    /// <summary><c>https://host/users/bob/statuses/1</c> → <c>https://host/users/bob</c>.</summary>
    internal static string? AuthorOf(string statusUrl)
    {
        var at = statusUrl.IndexOf("/statuses/", StringComparison.Ordinal);
        return at > 0 ? statusUrl[..at] : null;
    }

    private static bool IsMentionLink(string html, string href)
    {
        var at = html.IndexOf("href=\"" + href + "\"", StringComparison.Ordinal);
        if (at < 0)
        {
            return false;
        }

        var tagEnd = html.IndexOf('>', at);
        var tagStart = html.LastIndexOf('<', at);
        return tagEnd > 0 && tagStart >= 0 && html[tagStart..tagEnd].Contains("mention", StringComparison.Ordinal);
    }

    private static PostVisibility Visibility(JsonElement e, string actor)
    {
        var to = e.Prop("to").Strings().ToList();
        var cc = e.Prop("cc").Strings().ToList();
        bool IsPublic(string a) => a is PublicAddress or "as:Public" or "Public";
        if (to.Any(IsPublic))
        {
            return PostVisibility.Public;
        }

        if (cc.Any(IsPublic))
        {
            return PostVisibility.Unlisted;
        }

        return to.Any(a => a.EndsWith("/followers", StringComparison.Ordinal) && a.StartsWith(actor, StringComparison.Ordinal))
            ? PostVisibility.Followers : PostVisibility.Direct;
    }

    /// <summary>Mastodon's HTML (paragraphs, line breaks, links) as plain text.</summary>
    internal static string HtmlToText(string html)
    {
        var text = new StringBuilder(html.Length);
        var i = 0;
        while (i < html.Length)
        {
            if (html[i] == '<')
            {
                var end = html.IndexOf('>', i);
                if (end < 0)
                {
                    break;
                }

                var tag = html.AsSpan(i + 1, end - i - 1);
                if (tag.StartsWith("br", StringComparison.OrdinalIgnoreCase) || tag.StartsWith("/p", StringComparison.OrdinalIgnoreCase))
                {
                    text.Append('\n');
                }

                i = end + 1;
            }
            else
            {
                text.Append(html[i]);
                i++;
            }
        }

        return WebUtility.HtmlDecode(text.ToString()).Trim();
    }

    [GeneratedRegex("href=\"([^\"]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex Hrefs();
}
