namespace Answerback.SocialAudit.Tests.Coordination;

/// <summary>
/// The definition, computed the slow obvious way (every pair of posts), to check the fast sweep against:
/// A→B = |{ a's posts p : ∃ q by B, p and q share a key, |t_p − t_q| ≤ W, (A ≠ B, or self-loops on) }|.
/// </summary>
internal static class ReferenceNetwork
{
    public static List<(string Source, string Target, int Weight)> Compute(IReadOnlyList<Post> posts, CoordinationOptions o)
    {
        var matched = new HashSet<(int, string)>();
        for (var i = 0; i < posts.Count; i++)
        {
            for (var j = 0; j < posts.Count; j++)
            {
                var p = posts[i];
                var q = posts[j];
                if (!o.IncludeSelfLoops && p.AccountId == q.AccountId)
                {
                    continue;
                }

                if (Math.Abs((p.Time - q.Time).Ticks) > o.Window.Ticks)
                {
                    continue;
                }

                if (i == j || Match(p, q, o))
                {
                    if (i != j || Keys(p, o).Count > 0)
                    {
                        matched.Add((i, q.AccountId));
                    }
                }
            }
        }

        return Weights(posts, matched, o);
    }

    /// <summary>
    /// The same definition for the keyed types, pair by pair within each key only (posts sharing no key cannot
    /// match), so that it stays quick on a million edges.
    /// </summary>
    public static List<(string Source, string Target, int Weight)> ComputeByKey(IReadOnlyList<Post> posts, CoordinationOptions o)
    {
        Assert.NotEqual(CoordinationType.CoSimilar, o.Type);
        var byKey = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < posts.Count; i++)
        {
            foreach (var key in Keys(posts[i], o))
            {
                if (!byKey.TryGetValue(key, out var list))
                {
                    byKey[key] = list = [];
                }

                list.Add(i);
            }
        }

        var matched = new HashSet<(int, string)>();
        foreach (var members in byKey.Values)
        {
            foreach (var i in members)
            {
                foreach (var j in members)
                {
                    var p = posts[i];
                    var q = posts[j];
                    if ((o.IncludeSelfLoops || p.AccountId != q.AccountId) && Math.Abs((p.Time - q.Time).Ticks) <= o.Window.Ticks)
                    {
                        matched.Add((i, q.AccountId));
                    }
                }
            }
        }

        return Weights(posts, matched, o);
    }

    /// <summary>A→B is the number of A's posts matched by B; sorted by source then target.</summary>
    private static List<(string Source, string Target, int Weight)> Weights(IReadOnlyList<Post> posts, HashSet<(int, string)> matched, CoordinationOptions o) =>
        matched.GroupBy(m => (posts[m.Item1].AccountId, m.Item2))
            .Select(g => (g.Key.AccountId, g.Key.Item2, g.Count()))
            .Where(e => e.Item3 >= o.MinWeight)
            .OrderBy(e => e.AccountId, StringComparer.Ordinal).ThenBy(e => e.Item2, StringComparer.Ordinal)
            .ToList();

    private static bool Match(Post p, Post q, CoordinationOptions o)
    {
        if (o.Type == CoordinationType.CoSimilar)
        {
            var a = Keys(p, o);
            var b = Keys(q, o);
            if (a.Count == 0 || b.Count == 0)
            {
                return false;
            }

            return (double)a.Intersect(b).Count() / a.Union(b).Count() >= o.Threshold;
        }

        return Keys(p, o).Overlaps(Keys(q, o));
    }

    private static HashSet<string> Keys(Post p, CoordinationOptions o)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        switch (o.Type)
        {
            case CoordinationType.CoText when p.Kind != PostKind.Repost:
                var t = string.Join(' ', p.Text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
                    .Select(w => w.Contains('@', StringComparison.Ordinal) ? w[..w.IndexOf('@', StringComparison.Ordinal)] : w)
                    .Where(w => w.Length > 0 && !(o.RemoveUrls && (w.StartsWith("http://", StringComparison.Ordinal) || w.StartsWith("https://", StringComparison.Ordinal)))));
                if (t.Length > 0)
                {
                    keys.Add(t);
                }

                break;
            case CoordinationType.CoRepost when p.Kind == PostKind.Repost && p.RepostOfId is not null:
                keys.Add(p.RepostOfId);
                break;
            case CoordinationType.CoReply when p.Kind != PostKind.Repost && p.ReplyToPostId is not null:
                keys.Add(p.ReplyToPostId);
                break;
            case CoordinationType.CoLink when p.Kind != PostKind.Repost:
                keys.UnionWith(p.Urls);
                break;
            case CoordinationType.CoSimilar when p.Kind != PostKind.Repost:
                var tokens = TextNormaliser.Tokens(p.Text, o.RemoveUrls);
                if (tokens.Count >= Math.Max(1, o.MinTokens))
                {
                    keys.UnionWith(tokens);
                }

                break;
        }

        return keys;
    }
}
