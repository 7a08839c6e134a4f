using System.Text.Json;
using Answerback.Formats;

namespace Answerback.SocialAudit;

/// <summary>
/// Bluesky (AT Protocol) API responses saved as JSON: <c>app.bsky.feed.getAuthorFeed</c> pages
/// (<c>{"feed": [{"post": ..., "reply": ..., "reason": ...}], "cursor": ...}</c>; a repost is an item whose
/// <c>reason</c> is <c>#reasonRepost</c>, by <c>reason.by</c> at <c>reason.indexedAt</c>) and
/// <c>app.bsky.feed.getPostThread</c> (<c>{"thread": {"post", "parent", "replies": [...]}}</c>), which brings the
/// replies an account received. Post ids are AT URIs; the account replied to is the DID in the parent's URI.
/// </summary>
public static class BlueskyReader
{
    /// <summary>Reads an author-feed page.</summary>
    public static List<Post> ReadAuthorFeed(byte[] content, string file)
    {
        var posts = new List<Post>();
        JsonElements.ForEach(content, file, "feed", (item, line) =>
        {
            var view = item.Prop("post") ?? throw new InputFormatException(file, line, 0, "a feed item without 'post'");
            var reason = item.Prop("reason");
            if (reason?.Str("$type") is { } type && type.EndsWith("#reasonRepost", StringComparison.Ordinal))
            {
                var by = reason.Value.Prop("by") ?? throw new InputFormatException(file, line, 0, "a repost reason without 'by'");
                var did = by.Str("did") ?? throw new InputFormatException(file, line, 0, "a repost reason without 'by.did'");
                var original = view.Str("uri") ?? throw new InputFormatException(file, line, 0, "a post without 'uri'");
                posts.Add(new Post
                {
                    Network = "bluesky",
                    Id = reason.Value.Str("uri") ?? $"{original}#repost-by-{did}",
                    AccountId = did,
                    Handle = by.Str("handle") ?? "",
                    Time = Json.Iso(reason.Value.Str("indexedAt"), file, line, "reason.indexedAt"),
                    Kind = PostKind.Repost,
                    RepostOfId = original,
                    Visibility = PostVisibility.Public,
                });
                return;
            }

            posts.Add(FromView(view, file, line));
        });
        return posts;
    }

    /// <summary>Reads a post thread: the post, its parents and every reply below it.</summary>
    public static List<Post> ReadThread(byte[] content, string file)
    {
        using var doc = JsonElements.Parse(content, file);
        var thread = Json.At(file, 1, () => doc.RootElement.Prop("thread")) ?? throw new InputFormatException(file, 1, 0, "expected a 'thread' object (app.bsky.feed.getPostThread)");
        var posts = new List<Post>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Walk(JsonElement node, bool up, bool down)
        {
            if (node.Prop("post") is { } view && view.Str("uri") is { } uri && seen.Add(uri))
            {
                posts.Add(FromView(view, file, 0));
            }

            if (up && node.Prop("parent") is { } parent)
            {
                Walk(parent, up: true, down: false);
            }

            if (down)
            {
                foreach (var reply in node.Prop("replies").Items())
                {
                    Walk(reply, up: false, down: true);
                }
            }
        }

        Json.At(file, 0, () => Walk(thread, up: true, down: true));
        return posts;
    }

    private static Post FromView(JsonElement view, string file, long line)
    {
        var uri = view.Str("uri") ?? throw new InputFormatException(file, line, 0, "a post without 'uri'");
        var author = view.Prop("author") ?? throw new InputFormatException(file, line, 0, "a post without 'author'");
        var record = view.Prop("record") ?? throw new InputFormatException(file, line, 0, "a post without 'record'");
        var text = record.Str("text") ?? "";
        var parent = record.Prop("reply")?.Prop("parent").Str("uri");
        var embed = record.Prop("embed");
        var embedType = embed.Str("$type") ?? "";
        var quoted = embedType.StartsWith("app.bsky.embed.recordWithMedia", StringComparison.Ordinal) ? embed?.Prop("record")?.Prop("record").Str("uri")
            : embedType.StartsWith("app.bsky.embed.record", StringComparison.Ordinal) ? embed?.Prop("record").Str("uri") : null;
        var features = record.Prop("facets").Items().SelectMany(f => f.Prop("features").Items()).ToList();
        string? Feature(JsonElement f, string suffix, string field) =>
            f.Str("$type") is { } t && t.EndsWith(suffix, StringComparison.Ordinal) ? f.Str(field) : null;
        var urls = features.Select(f => Feature(f, "#link", "uri")).OfType<string>().ToList();
        var externalUri = embedType.StartsWith("app.bsky.embed.external", StringComparison.Ordinal) ? embed?.Prop("external").Str("uri") : null;
        if (externalUri is not null && !urls.Contains(externalUri))
        {
            urls.Add(externalUri);
        }

        return new Post
        {
            Network = "bluesky",
            Id = uri,
            AccountId = author.Str("did") ?? throw new InputFormatException(file, line, 0, "a post author without 'did'"),
            Handle = author.Str("handle") ?? "",
            Time = Json.Iso(record.Str("createdAt") ?? view.Str("indexedAt"), file, line, "record.createdAt"),
            Text = text,
            Kind = parent is not null ? PostKind.Reply : quoted is not null ? PostKind.Quote : PostKind.Original,
            ReplyToPostId = parent,
            ReplyToAccountId = parent is null ? null : DidOf(parent),
            RepostOfId = parent is null ? quoted : null,
            Urls = urls.Count > 0 ? urls : TextEntities.Urls(text),
            Mentions = features.Select(f => Feature(f, "#mention", "did")).OfType<string>().ToList(),
            Hashtags = features.Select(f => Feature(f, "#tag", "tag")).OfType<string>().ToList(),
            Visibility = PostVisibility.Public,
        };
    }

    /// <summary><c>at://did:plc:abc/app.bsky.feed.post/xyz</c> → <c>did:plc:abc</c>.</summary>
    internal static string? DidOf(string atUri)
    {
        if (!atUri.StartsWith("at://", StringComparison.Ordinal))
        {
            return null;
        }

        var slash = atUri.IndexOf('/', 5);
        return slash > 5 ? atUri[5..slash] : atUri[5..];
    }
}
