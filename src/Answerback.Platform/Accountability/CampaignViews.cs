namespace Answerback.Platform.Accountability;

/// <summary>One post of a campaign: who posted it, when, its text and where the original is.</summary>
public sealed record CampaignPostView(Guid? RepresentativeId, string Name, string Network, string Handle, DateTimeOffset Time, string Text, string? Url);

/// <summary>One copy-paste campaign: the shared text and every post of it, earliest first.</summary>
public sealed record CampaignView(string Id, string Text, bool NearIdentical, double SpreadMinutes, int Accounts, IReadOnlyList<Guid> AreaIds, IReadOnlyList<CampaignPostView> Posts);

/// <summary>A party's campaigns over its representatives' accounts, and the share of its posts that were copy-paste.</summary>
public sealed record PartyCampaigns(string PartyKey, string PartyName, int Posts, int CampaignPosts, IReadOnlyList<CampaignView> Campaigns, DateTimeOffset ComputedAt)
{
    /// <summary>The share of the party's posts that belong to a campaign (0 with no posts).</summary>
    public double CampaignShare => Posts == 0 ? 0 : (double)CampaignPosts / Posts;
}

/// <summary>Presence in one area: its representatives and candidates, their accounts, and how much they post and converse.</summary>
public sealed record AreaPresenceView(Guid AreaId, int People, int Accounts, int ActiveAccounts, int Posts, double PostsPerWeek, int Replies)
{
    /// <summary>Fewer than one post a week between everyone listed there: "next to no presence".</summary>
    public bool NearEmpty => PostsPerWeek < AccountabilityFigures.NearEmptyPostsPerWeek;

    /// <summary>Replies to others as a share of posts (the conversation share).</summary>
    public double ConversationShare => Posts == 0 ? 0 : (double)Replies / Posts;
}

/// <summary>Every area's presence, written with the scorecards.</summary>
public sealed record PresenceSnapshot(IReadOnlyList<AreaPresenceView> Areas, DateTimeOffset? PeriodStart, DateTimeOffset? PeriodEnd, DateTimeOffset ComputedAt);

/// <summary>Thresholds of the public views.</summary>
public static class AccountabilityFigures
{
    /// <summary>An area below this many posts a week (everyone listed there together) has next to no presence.</summary>
    public const double NearEmptyPostsPerWeek = 1;

    /// <summary>An account is active with at least one post in the last this many days of the period.</summary>
    public const int ActiveDays = 28;

    /// <summary>Where a post can be read on its network, when its id says.</summary>
    public static string? PostUrl(string network, string handle, string postId)
    {
        if (postId.StartsWith("https://", StringComparison.Ordinal))
        {
            return postId;
        }

        if (network == Networks.X && handle.Length > 0 && postId.All(char.IsAsciiDigit))
        {
            return $"https://x.com/{Uri.EscapeDataString(handle)}/status/{postId}";
        }

        // at://did:plc:xyz/app.bsky.feed.post/rkey
        const string prefix = "at://";
        if (network == Networks.Bluesky && postId.StartsWith(prefix, StringComparison.Ordinal))
        {
            var parts = postId[prefix.Length..].Split('/');
            return parts.Length == 3 ? $"https://bsky.app/profile/{parts[0]}/post/{parts[2]}" : null;
        }

        return null;
    }
}
