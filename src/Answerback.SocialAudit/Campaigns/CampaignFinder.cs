namespace Answerback.SocialAudit;

/// <summary>Settings of the campaign ("zombie post") view.</summary>
public sealed record CampaignOptions
{
    /// <summary>Two copies belong together when they are at most this far apart in time (single linkage: a chain of copies, each within the window of the last).</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>A cluster is a campaign when at least this many distinct accounts posted it.</summary>
    public int MinAccounts { get; init; } = 3;

    /// <summary>Also join near-identical posts (Jaccard of word tokens ≥ <see cref="Threshold"/>), not only identical ones.</summary>
    public bool IncludeNearIdentical { get; init; } = true;

    /// <summary>The least Jaccard similarity of near-identical posts.</summary>
    public double Threshold { get; init; } = 0.8;

    /// <summary>Posts with fewer distinct tokens are only joined when identical.</summary>
    public int MinTokens { get; init; } = 5;

    /// <summary>Remove http(s) words before comparing.</summary>
    public bool RemoveUrls { get; init; }

    /// <summary>Progress lines for long runs; may be null.</summary>
    public Action<string>? Progress { get; init; }
}

/// <summary>One cluster of identical or near-identical posts by at least <see cref="CampaignOptions.MinAccounts"/> accounts.</summary>
/// <param name="Text">The earliest post's text.</param>
/// <param name="Earliest">The earliest post.</param>
/// <param name="Posts">The posts, earliest first.</param>
/// <param name="Accounts">The distinct accounts, in order of first post.</param>
/// <param name="NearIdentical">True when some posts differ from the earliest after normalisation.</param>
public sealed record Campaign(string Text, Post Earliest, IReadOnlyList<Post> Posts, IReadOnlyList<string> Accounts, bool NearIdentical)
{
    /// <summary>Minutes from the first post to the last.</summary>
    public double SpreadMinutes => (Posts[^1].Time - Posts[0].Time).TotalMinutes;
}

/// <summary>
/// Finds campaigns: posts that are not reposts are joined when their normalised texts are identical (as co-text) or,
/// optionally, their token sets have Jaccard ≥ the threshold (as co-similar, MinHash candidates with an exact check),
/// and they are within the window of each other; connected clusters with enough distinct accounts are campaigns.
/// </summary>
public static class CampaignFinder
{
    /// <summary>The campaigns, earliest first.</summary>
    public static IReadOnlyList<Campaign> Find(IReadOnlyList<Post> posts, CampaignOptions options)
    {
        ArgumentNullException.ThrowIfNull(posts);
        ArgumentNullException.ThrowIfNull(options);
        if (options.MinAccounts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MinAccounts must be at least 1.");
        }

        var index = new PostIndex(posts);
        var parent = new int[index.Count];
        for (var i = 0; i < parent.Length; i++)
        {
            parent[i] = i;
        }

        var joined = new bool[index.Count];
        var window = options.Window.Ticks;
        var items = CoordinationDetector.TextKeys(index, options.RemoveUrls, keepSingles: false);
        Array.Sort(items);
        for (var k = 1; k < items.Length; k++)
        {
            // In one time-sorted group, single linkage only needs each post and the one before it.
            if (items[k].Key == items[k - 1].Key && items[k].Ticks - items[k - 1].Ticks <= window)
            {
                Union(parent, items[k].Post, items[k - 1].Post);
                joined[items[k].Post] = joined[items[k - 1].Post] = true;
            }
        }

        options.Progress?.Invoke("campaigns: identical copies joined");
        if (options.IncludeNearIdentical)
        {
            var tokens = TokenSets.Build(index, options.RemoveUrls, Math.Max(1, options.MinTokens));
            var similar = new CoordinationOptions
            {
                Type = CoordinationType.CoSimilar,
                Window = options.Window,
                Threshold = options.Threshold,
                MinTokens = options.MinTokens,
                Progress = options.Progress,
            };
            SimilarPairs.Find(index, tokens, similar, (i, j) =>
            {
                if (Find(parent, i) != Find(parent, j) && tokens.Similar(i, j, options.Threshold))
                {
                    Union(parent, i, j);
                    joined[i] = joined[j] = true;
                }
            });
        }

        var clusters = new Dictionary<int, List<int>>();
        for (var p = 0; p < index.Count; p++)
        {
            if (!joined[p])
            {
                continue;
            }

            var root = Find(parent, p);
            if (!clusters.TryGetValue(root, out var list))
            {
                clusters[root] = list = [];
            }

            list.Add(p);
        }

        var campaigns = new List<Campaign>();
        foreach (var members in clusters.Values)
        {
            if (members.Select(p => index.Account[p]).Distinct().Count() < options.MinAccounts)
            {
                continue;
            }

            var ordered = members.OrderBy(p => index.Ticks[p]).ThenBy(p => p).Select(p => posts[p]).ToList();
            var earliest = ordered[0];
            var normalised = TextNormaliser.Normalise(earliest.Text, options.RemoveUrls);
            campaigns.Add(new Campaign(
                earliest.Text,
                earliest,
                ordered,
                ordered.Select(p => p.AccountId).Distinct(StringComparer.Ordinal).ToList(),
                ordered.Any(p => !string.Equals(TextNormaliser.Normalise(p.Text, options.RemoveUrls), normalised, StringComparison.Ordinal))));
        }

        return campaigns.OrderBy(c => c.Earliest.Time).ThenBy(c => c.Earliest.Id, StringComparer.Ordinal).ToList();
    }

    private static int Find(int[] parent, int x)
    {
        while (parent[x] != x)
        {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }

        return x;
    }

    private static void Union(int[] parent, int a, int b)
    {
        var ra = Find(parent, a);
        var rb = Find(parent, b);
        if (ra != rb)
        {
            parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
        }
    }
}
