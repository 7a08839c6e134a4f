namespace Answerback.SocialAudit;

/// <summary>How metrics are grouped in time.</summary>
public enum MetricsPeriod
{
    /// <summary>One row per account for everything imported.</summary>
    All,

    /// <summary>One row per account and calendar month (UTC).</summary>
    Month,
}

/// <summary>Broadcast versus conversation for one account in one period.</summary>
public sealed record AccountMetrics
{
    /// <summary>The account.</summary>
    public required string AccountId { get; init; }

    /// <summary>Its handle.</summary>
    public required string Handle { get; init; }

    /// <summary>Its network.</summary>
    public required string Network { get; init; }

    /// <summary><c>all</c> or <c>yyyy-MM</c>.</summary>
    public required string Period { get; init; }

    /// <summary>The registry row, when the account is in it.</summary>
    public RegistryEntry? Representative { get; init; }

    /// <summary>All posts.</summary>
    public int Posts { get; init; }

    /// <summary>Posts that are neither replies, reposts nor quotes.</summary>
    public int Originals { get; init; }

    /// <summary>Replies to other accounts (thread continuations excluded).</summary>
    public int Replies { get; init; }

    /// <summary>Replies to the account's own posts (threads), excluded from replies as in Graham et al. 2013.</summary>
    public int ThreadContinuations { get; init; }

    /// <summary>Reposts.</summary>
    public int Reposts { get; init; }

    /// <summary>Quotes.</summary>
    public int Quotes { get; init; }

    /// <summary>Replies to accounts in the registry.</summary>
    public int RepliesToRepresentatives { get; init; }

    /// <summary>Replies to known accounts not in the registry.</summary>
    public int RepliesToCitizens { get; init; }

    /// <summary>Replies whose target account the source does not give.</summary>
    public int RepliesToUnknown { get; init; }

    /// <summary>Replies by others to this account's posts in the period.</summary>
    public int RepliesReceived { get; init; }

    /// <summary>Of those, how many the account answered (replied to directly).</summary>
    public int RepliesAnswered { get; init; }

    /// <summary>Median time to the first answer, over answered replies.</summary>
    public TimeSpan? MedianResponse { get; init; }

    /// <summary>90th percentile (nearest rank) of the time to the first answer.</summary>
    public TimeSpan? Percentile90Response { get; init; }

    /// <summary>Posts that belong to a campaign.</summary>
    public int CampaignPosts { get; init; }

    /// <summary>Share of posts that are originals.</summary>
    public double OriginalShare => Share(Originals);

    /// <summary>Share of posts that are replies to others (the Demos 2015 measure: 23 % for MPs).</summary>
    public double ReplyShare => Share(Replies);

    /// <summary>Share of posts that are reposts.</summary>
    public double RepostShare => Share(Reposts);

    /// <summary>Share of posts that are quotes.</summary>
    public double QuoteShare => Share(Quotes);

    /// <summary>Share of replies received that were answered (0 when none were received).</summary>
    public double AnsweredShare => RepliesReceived == 0 ? 0 : (double)RepliesAnswered / RepliesReceived;

    /// <summary>Share of posts in a campaign.</summary>
    public double CampaignShare => Share(CampaignPosts);

    private double Share(int n) => Posts == 0 ? 0 : (double)n / Posts;
}

/// <summary>One area (ward) and the registry's people there, with their activity.</summary>
/// <param name="AreaCode">The area.</param>
/// <param name="Members">Registry rows of the area with the account's metrics (null when the account posted nothing imported or has no account).</param>
public sealed record AreaPresence(string AreaCode, IReadOnlyList<(RegistryEntry Entry, AccountMetrics? Metrics)> Members)
{
    /// <summary>True when at least one of the area's accounts posted.</summary>
    public bool HasPresence => Members.Any(m => m.Metrics is { Posts: > 0 });
}

/// <summary>
/// Counts the measures of broadcast versus conversation used by research on politicians' use of social media:
/// Graham, Broersma, Hazelhoff and van 't Haar (2013), "Between broadcasting political messages and interacting
/// with voters" (UK candidates, 2010), and Demos (2015), which found 23 % of MPs' tweets were replies.
/// </summary>
public static class ConversationMetrics
{
    /// <summary>
    /// Metrics per account and period. With a registry, rows are the registry's accounts; without, every author.
    /// <paramref name="campaignPostIds"/> (network, id) marks posts in campaigns.
    /// </summary>
    public static IReadOnlyList<AccountMetrics> Compute(IReadOnlyList<Post> posts, Registry? registry = null, MetricsPeriod period = MetricsPeriod.All,
        IReadOnlySet<(string Network, string Id)>? campaignPostIds = null)
    {
        ArgumentNullException.ThrowIfNull(posts);
        string PeriodOf(DateTimeOffset t) => period == MetricsPeriod.All ? "all" : t.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var handles = new Dictionary<(string, string), string>();
        var byId = new Dictionary<(string, string), Post>();
        var answers = new Dictionary<(string, string), List<Post>>();
        foreach (var p in posts)
        {
            if (p.Handle.Length > 0)
            {
                handles.TryAdd((p.Network, p.AccountId), p.Handle);
            }

            byId.TryAdd((p.Network, p.Id), p);
            if (p.Kind == PostKind.Reply && p.ReplyToPostId is not null)
            {
                var key = (p.Network, p.ReplyToPostId);
                if (!answers.TryGetValue(key, out var list))
                {
                    answers[key] = list = [];
                }

                list.Add(p);
            }
        }

        string? TargetAccount(Post reply) =>
            reply.ReplyToAccountId ?? (reply.ReplyToPostId is not null && byId.TryGetValue((reply.Network, reply.ReplyToPostId), out var parent) ? parent.AccountId : null);

        RegistryEntry? Lookup(string network, string accountId) =>
            registry?.Find(network, handles.GetValueOrDefault((network, accountId)), accountId);

        var rows = new Dictionary<(string Network, string Account, string Period), Counter>();
        Counter Row(string network, string account, string per)
        {
            if (!rows.TryGetValue((network, account, per), out var c))
            {
                rows[(network, account, per)] = c = new Counter();
            }

            return c;
        }

        foreach (var p in posts)
        {
            var c = Row(p.Network, p.AccountId, PeriodOf(p.Time));
            c.Posts++;
            if (campaignPostIds is not null && campaignPostIds.Contains((p.Network, p.Id)))
            {
                c.Campaign++;
            }

            var target = p.Kind == PostKind.Reply ? TargetAccount(p) : null;
            switch (p.Kind)
            {
                case PostKind.Original:
                    c.Originals++;
                    break;
                case PostKind.Repost:
                    c.Reposts++;
                    break;
                case PostKind.Quote:
                    c.Quotes++;
                    break;
                case PostKind.Reply when target == p.AccountId:
                    c.Thread++;
                    break;
                case PostKind.Reply:
                    c.Replies++;
                    if (target is null)
                    {
                        c.ToUnknown++;
                    }
                    else if (Lookup(p.Network, target) is not null)
                    {
                        c.ToRepresentatives++;
                    }
                    else
                    {
                        c.ToCitizens++;
                    }

                    // A reply received by the target (counted in the period of the reply).
                    if (target is not null)
                    {
                        var r = Row(p.Network, target, PeriodOf(p.Time));
                        r.Received++;
                        var answer = answers.GetValueOrDefault((p.Network, p.Id))?
                            .Where(a => a.AccountId == target && a.Time >= p.Time).MinBy(a => a.Time);
                        if (answer is not null)
                        {
                            r.ResponseTimes.Add(answer.Time - p.Time);
                        }
                    }

                    break;
            }
        }

        var result = new List<AccountMetrics>();
        foreach (var ((network, account, per), c) in rows.OrderBy(r => r.Key.Network, StringComparer.Ordinal)
            .ThenBy(r => handles.GetValueOrDefault((r.Key.Network, r.Key.Account)) ?? r.Key.Account, StringComparer.Ordinal).ThenBy(r => r.Key.Period, StringComparer.Ordinal))
        {
            var entry = Lookup(network, account);
            if (registry is not null && entry is null)
            {
                continue;
            }

            c.ResponseTimes.Sort();
            result.Add(new AccountMetrics
            {
                AccountId = account,
                Handle = handles.GetValueOrDefault((network, account)) ?? "",
                Network = network,
                Period = per,
                Representative = entry,
                Posts = c.Posts,
                Originals = c.Originals,
                Replies = c.Replies,
                ThreadContinuations = c.Thread,
                Reposts = c.Reposts,
                Quotes = c.Quotes,
                RepliesToRepresentatives = c.ToRepresentatives,
                RepliesToCitizens = c.ToCitizens,
                RepliesToUnknown = c.ToUnknown,
                RepliesReceived = c.Received,
                RepliesAnswered = c.ResponseTimes.Count,
                MedianResponse = Median(c.ResponseTimes),
                Percentile90Response = NearestRank(c.ResponseTimes, 0.9),
                CampaignPosts = c.Campaign,
            });
        }

        return result;
    }

    /// <summary>Each area of the registry, in file order, with its people and their metrics over everything imported.</summary>
    public static IReadOnlyList<AreaPresence> Presence(IReadOnlyList<Post> posts, Registry registry,
        IReadOnlySet<(string Network, string Id)>? campaignPostIds = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var metrics = Compute(posts, registry, MetricsPeriod.All, campaignPostIds);
        return registry.Entries.GroupBy(e => e.AreaCode, StringComparer.Ordinal)
            .Select(g => new AreaPresence(g.Key, g.Where(e => e.Person.Length > 0 || e.Handle.Length > 0)
                .Select(e => (e, e.Handle.Length == 0 ? null : metrics.FirstOrDefault(m => ReferenceEquals(m.Representative, e))))
                .ToList()))
            .ToList();
    }

    /// <summary>The median (mean of the two middle values for an even count); null when empty.</summary>
    public static TimeSpan? Median(IReadOnlyList<TimeSpan> sorted)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            return null;
        }

        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : TimeSpan.FromTicks((sorted[mid - 1].Ticks + sorted[mid].Ticks) / 2);
    }

    /// <summary>The nearest-rank percentile: the value at rank ⌈p·n⌉; null when empty.</summary>
    public static TimeSpan? NearestRank(IReadOnlyList<TimeSpan> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        return sorted.Count == 0 ? null : sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private sealed class Counter
    {
        public int Posts, Originals, Replies, Thread, Reposts, Quotes, ToRepresentatives, ToCitizens, ToUnknown, Received, Campaign;
        public List<TimeSpan> ResponseTimes { get; } = [];
    }
}
