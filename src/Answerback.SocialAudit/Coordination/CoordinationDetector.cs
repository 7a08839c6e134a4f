using System.Runtime.InteropServices;

namespace Answerback.SocialAudit;

/// <summary>
/// Builds the coordination networks of the QUT coordination-network-toolkit (Graham et al., QUT Digital
/// Observatory), with its meaning: two posts by accounts A and B match when they share the key of the network type
/// (normalised text, reposted post, URL, replied-to post, or a Jaccard similarity at or above the threshold) and
/// |t1 − t2| ≤ window; the directed weight A→B is the number of A's distinct posts with at least one match by B.
/// Instead of the toolkit's self-join in SQLite, posts are grouped by key, sorted by time and swept with a window.
/// </summary>
public static class CoordinationDetector
{
    /// <summary>The network's edges, sorted by source then target (ordinal), weight ≥ <see cref="CoordinationOptions.MinWeight"/>.</summary>
    public static IReadOnlyList<CoordinationEdge> Detect(IReadOnlyList<Post> posts, CoordinationOptions options)
    {
        ArgumentNullException.ThrowIfNull(posts);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var index = new PostIndex(posts);
        options.Progress?.Invoke($"indexed {posts.Count:N0} posts by {index.AccountIds.Length:N0} accounts");
        var weights = options.Type == CoordinationType.CoSimilar
            ? SimilarWeights(index, options)
            : KeyedWeights(index, options);
        return ToEdges(index, weights, options);
    }

    private static Dictionary<long, int> KeyedWeights(PostIndex index, CoordinationOptions options)
    {
        var (items, multiKey) = options.Type switch
        {
            CoordinationType.CoText => (TextKeys(index, options.RemoveUrls, options.IncludeSelfLoops), null),
            CoordinationType.CoRepost => (StringKeys(index, p => p.Kind == PostKind.Repost ? p.RepostOfId : null, options.IncludeSelfLoops), null),
            CoordinationType.CoReply => (StringKeys(index, p => p.Kind != PostKind.Repost ? p.ReplyToPostId : null, options.IncludeSelfLoops), null),
            CoordinationType.CoLink => LinkKeys(index, options.IncludeSelfLoops),
            _ => throw new ArgumentOutOfRangeException(nameof(options)),
        };
        options.Progress?.Invoke($"{items.Length:N0} posts share a key with another; sorting");
        Array.Sort(items);
        var weights = new Dictionary<long, int>();
        Sweep(items, index.Account, options.Window.Ticks, options.IncludeSelfLoops, multiKey, weights);
        return weights;
    }

    /// <summary>
    /// For each post i of a key, every post j of the same key with |t_i − t_j| ≤ window (two monotone pointers over
    /// the time-sorted run) marks the pair (i, account of j) once; each new pair adds one to the weight A→B.
    /// </summary>
    private static void Sweep(KeyedItem[] items, int[] account, long window, bool selfLoops, bool[]? multiKey, Dictionary<long, int> weights)
    {
        // stamp[b] == post + 1 when post has already been counted for account b; posts with several keys (co-link
        // with several URLs) can meet the same account under two keys, so they are remembered in a set instead.
        var stamp = new int[account.Length == 0 ? 0 : account.Max() + 1];
        HashSet<long>? seen = multiKey is null ? null : [];
        var start = 0;
        while (start < items.Length)
        {
            var end = start + 1;
            while (end < items.Length && items[end].Key == items[start].Key)
            {
                end++;
            }

            var lo = start;
            var hi = start;
            for (var i = start; i < end; i++)
            {
                var t = items[i].Ticks;
                while (items[lo].Ticks < t - window)
                {
                    lo++;
                }

                while (hi + 1 < end && items[hi + 1].Ticks - t <= window)
                {
                    hi++;
                }

                var p = items[i].Post;
                var a = account[p];
                var multi = multiKey is not null && multiKey[p];
                for (var j = lo; j <= hi; j++)
                {
                    var b = account[items[j].Post];
                    if (b == a && !selfLoops)
                    {
                        continue;
                    }

                    if (multi)
                    {
                        if (!seen!.Add(((long)p << 32) | (uint)b))
                        {
                            continue;
                        }
                    }
                    else if (stamp[b] == p + 1)
                    {
                        continue;
                    }
                    else
                    {
                        stamp[b] = p + 1;
                    }

                    CollectionsMarshal.GetValueRefOrAddDefault(weights, ((long)a << 32) | (uint)b, out _)++;
                }
            }

            start = end;
        }
    }

    /// <summary>
    /// Groups non-repost posts by their normalised text, exactly: a 128-bit hash finds the group and the group's
    /// first text is re-normalised and compared, so a hash collision can never merge two different texts.
    /// Groups of one post are dropped before sorting unless self-loops are wanted.
    /// </summary>
    internal static KeyedItem[] TextKeys(PostIndex index, bool removeUrls, bool keepSingles)
    {
        // Normalising and hashing is the costly part and independent per post: done in parallel, each worker with
        // its own buffer. Grouping by hash is then sequential.
        var hashes = new (ulong, ulong)[index.Count];
        var posts = index.Posts;
        Parallel.For(0, index.Count, () => new char[256], (p, _, buffer) =>
        {
            var post = posts[p];
            if (post.Kind == PostKind.Repost)
            {
                return buffer;
            }

            if (buffer.Length < post.Text.Length)
            {
                buffer = new char[post.Text.Length * 2];
            }

            var n = TextNormaliser.Normalise(post.Text, removeUrls, buffer);
            if (n > 0)
            {
                var text = buffer.AsSpan(0, n);
                // (0, 0) marks "no text"; a real text hashing to it is vanishingly unlikely and would only be skipped.
                hashes[p] = (TextNormaliser.Hash64(text), TextNormaliser.Hash64B(text));
            }

            return buffer;
        }, _ => { });

        var groups = new Dictionary<(ulong, ulong), int>();
        Dictionary<string, int>? collided = null;
        var representative = new List<int>();
        var groupOf = new int[index.Count];
        var mine = new char[256];
        var other = new char[256];
        for (var p = 0; p < index.Count; p++)
        {
            groupOf[p] = -1;
            var hash = hashes[p];
            if (hash == (0UL, 0UL))
            {
                continue;
            }

            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(groups, hash, out var exists);
            if (!exists)
            {
                slot = representative.Count;
                representative.Add(p);
                groupOf[p] = slot;
                continue;
            }

            // Same 128-bit hash: compare the normalised texts themselves, so a collision never merges two texts.
            var text = posts[p].Text;
            var repText = posts[representative[slot]].Text;
            if (mine.Length < text.Length)
            {
                mine = new char[text.Length * 2];
            }

            if (other.Length < repText.Length)
            {
                other = new char[repText.Length * 2];
            }

            var n = TextNormaliser.Normalise(text, removeUrls, mine);
            var m = TextNormaliser.Normalise(repText, removeUrls, other);
            if (other.AsSpan(0, m).SequenceEqual(mine.AsSpan(0, n)))
            {
                groupOf[p] = slot;
                continue;
            }

            collided ??= new Dictionary<string, int>(StringComparer.Ordinal);
            ref var cslot = ref CollectionsMarshal.GetValueRefOrAddDefault(collided, new string(mine, 0, n), out var cexists);
            if (!cexists)
            {
                cslot = representative.Count;
                representative.Add(p);
            }

            groupOf[p] = cslot;
        }

        return ItemsOfShared(index, groupOf, representative.Count, keepSingles);
    }

    private static KeyedItem[] StringKeys(PostIndex index, Func<Post, string?> key, bool keepSingles)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var groupOf = new int[index.Count];
        for (var p = 0; p < index.Count; p++)
        {
            var k = key(index.Posts[p]);
            if (string.IsNullOrEmpty(k))
            {
                groupOf[p] = -1;
                continue;
            }

            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(ids, k, out var exists);
            if (!exists)
            {
                slot = ids.Count - 1;
            }

            groupOf[p] = slot;
        }

        return ItemsOfShared(index, groupOf, ids.Count, keepSingles);
    }

    private static KeyedItem[] ItemsOfShared(PostIndex index, int[] groupOf, int groupCount, bool keepSingles)
    {
        var size = new int[groupCount];
        foreach (var g in groupOf)
        {
            if (g >= 0)
            {
                size[g]++;
            }
        }

        var count = 0;
        foreach (var g in groupOf)
        {
            if (g >= 0 && (keepSingles || size[g] > 1))
            {
                count++;
            }
        }

        var items = new KeyedItem[count];
        var k = 0;
        for (var p = 0; p < groupOf.Length; p++)
        {
            var g = groupOf[p];
            if (g >= 0 && (keepSingles || size[g] > 1))
            {
                items[k++] = new KeyedItem(g, index.Ticks[p], p);
            }
        }

        return items;
    }

    private static (KeyedItem[] Items, bool[] MultiKey) LinkKeys(PostIndex index, bool keepSingles)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var multi = new bool[index.Count];
        var items = new List<KeyedItem>();
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        var size = new List<int>();
        for (var p = 0; p < index.Count; p++)
        {
            var post = index.Posts[p];
            if (post.Kind == PostKind.Repost || post.Urls.Count == 0)
            {
                continue;
            }

            distinct.Clear();
            foreach (var url in post.Urls)
            {
                if (url.Length == 0 || !distinct.Add(url))
                {
                    continue;
                }

                ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(ids, url, out var exists);
                if (!exists)
                {
                    slot = ids.Count - 1;
                    size.Add(0);
                }

                size[slot]++;
                items.Add(new KeyedItem(slot, index.Ticks[p], p));
            }

            multi[p] = distinct.Count > 1;
        }

        var kept = keepSingles ? items.ToArray() : items.Where(i => size[(int)i.Key] > 1).ToArray();
        return (kept, multi);
    }

    private static Dictionary<long, int> SimilarWeights(PostIndex index, CoordinationOptions options)
    {
        var tokens = TokenSets.Build(index, options.RemoveUrls, Math.Max(1, options.MinTokens));
        options.Progress?.Invoke($"{tokens.EligibleCount:N0} posts with at least {Math.Max(1, options.MinTokens)} tokens");
        var matched = new HashSet<long>();
        var account = index.Account;
        var selfLoops = options.IncludeSelfLoops;
        if (selfLoops)
        {
            foreach (var p in tokens.Eligible)
            {
                matched.Add(((long)p << 32) | (uint)account[p]);
            }
        }

        void Consider(int i, int j)
        {
            var ai = account[i];
            var aj = account[j];
            if (ai == aj && !selfLoops)
            {
                return;
            }

            var m1 = ((long)i << 32) | (uint)aj;
            var m2 = ((long)j << 32) | (uint)ai;
            if (matched.Contains(m1) && matched.Contains(m2))
            {
                return;
            }

            if (tokens.Similar(i, j, options.Threshold))
            {
                matched.Add(m1);
                matched.Add(m2);
            }
        }

        SimilarPairs.Find(index, tokens, options, Consider);
        var weights = new Dictionary<long, int>();
        foreach (var m in matched)
        {
            var a = account[(int)(m >> 32)];
            var b = (int)(uint)m;
            CollectionsMarshal.GetValueRefOrAddDefault(weights, ((long)a << 32) | (uint)b, out _)++;
        }

        return weights;
    }

    private static List<CoordinationEdge> ToEdges(PostIndex index, Dictionary<long, int> weights, CoordinationOptions options)
    {
        var edges = new List<CoordinationEdge>();
        foreach (var (key, weight) in weights)
        {
            var a = (int)(key >> 32);
            var b = (int)(uint)key;
            if (weight < options.MinWeight || (a == b && !options.IncludeSelfLoops))
            {
                continue;
            }

            edges.Add(new CoordinationEdge(index.AccountIds[a], index.AccountIds[b], weight, options.Type));
        }

        edges.Sort((x, y) =>
        {
            var c = string.CompareOrdinal(x.Source, y.Source);
            return c != 0 ? c : string.CompareOrdinal(x.Target, y.Target);
        });
        return edges;
    }
}
