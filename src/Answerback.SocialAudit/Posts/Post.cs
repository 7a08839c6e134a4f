namespace Answerback.SocialAudit;

/// <summary>What a post is in its conversation.</summary>
public enum PostKind
{
    /// <summary>A post that is neither a reply, a repost nor a quote.</summary>
    Original,

    /// <summary>A reply to another post (possibly the account's own: a thread continuation).</summary>
    Reply,

    /// <summary>A verbatim repost (retweet, boost, Bluesky repost) of another post.</summary>
    Repost,

    /// <summary>A post quoting another post with text of its own.</summary>
    Quote,
}

/// <summary>Who could see a post, as far as the source says.</summary>
public enum PostVisibility
{
    /// <summary>The source does not say.</summary>
    Unknown,

    /// <summary>Public and listed in public timelines.</summary>
    Public,

    /// <summary>Public but not listed (Mastodon "unlisted").</summary>
    Unlisted,

    /// <summary>Followers only.</summary>
    Followers,

    /// <summary>Addressed only to the accounts mentioned.</summary>
    Direct,
}

/// <summary>
/// One public post from any network, in the shape the audit works on. Identifiers are the network's own,
/// kept as strings (X ids exceed 2^53, Mastodon and Bluesky ids are URLs or AT URIs).
/// </summary>
public sealed record Post
{
    /// <summary>The network: <c>x</c>, <c>mastodon</c>, <c>bluesky</c>, or <c>csv</c> for research data sets of unknown origin.</summary>
    public required string Network { get; init; }

    /// <summary>The post's id on its network.</summary>
    public required string Id { get; init; }

    /// <summary>The author's stable account id (X user id, Mastodon actor URL, Bluesky DID).</summary>
    public required string AccountId { get; init; }

    /// <summary>The author's handle without a leading <c>@</c>, for display; may be empty.</summary>
    public string Handle { get; init; } = "";

    /// <summary>When it was posted, in UTC.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>The text as plain text (HTML removed); empty for a bare repost.</summary>
    public string Text { get; init; } = "";

    /// <summary>Original, reply, repost or quote.</summary>
    public PostKind Kind { get; init; }

    /// <summary>The post this one replies to, if any.</summary>
    public string? ReplyToPostId { get; init; }

    /// <summary>The account this one replies to, if the source says.</summary>
    public string? ReplyToAccountId { get; init; }

    /// <summary>The post reposted (for <see cref="PostKind.Repost"/>) or quoted (for <see cref="PostKind.Quote"/>).</summary>
    public string? RepostOfId { get; init; }

    /// <summary>Links in the post (expanded where the source gives the expansion).</summary>
    public IReadOnlyList<string> Urls { get; init; } = [];

    /// <summary>Handles or account ids mentioned, without <c>@</c>.</summary>
    public IReadOnlyList<string> Mentions { get; init; } = [];

    /// <summary>Hashtags without <c>#</c>.</summary>
    public IReadOnlyList<string> Hashtags { get; init; } = [];

    /// <summary>Who could see it.</summary>
    public PostVisibility Visibility { get; init; }

    /// <summary>True for a reply to the author's own post (a thread continuation), which research excludes from replies.</summary>
    public bool IsSelfReply => Kind == PostKind.Reply && ReplyToAccountId is not null
        && string.Equals(ReplyToAccountId, AccountId, StringComparison.Ordinal);
}
