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
        ArgumentNullException.ThrowIfNull(options);
        return Detect(posts, [options.Type], options)[options.Type];
    }

    /// <summary>
    /// Several networks over the same posts, indexed once; <see cref="CoordinationOptions.Type"/> is ignored. The
    /// keyed types (all but co-similar) are built side by side; co-similar, which is parallel inside, after them.
    /// </summary>
    public static IReadOnlyDictionary<CoordinationType, IReadOnlyList<CoordinationEdge>> Detect(
        IReadOnlyList<Post> posts, IReadOnlyCollection<CoordinationType> types, CoordinationOptions options)
    {
        ArgumentNullException.ThrowIfNull(posts);
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        // The keyed types run on several threads: progress lines are serialised for the caller.
        var gate = new object();
        var progress = options.Progress;
        options = options with
        {
            Progress = progress is null ? null : line =>
            {
                lock (gate)
                {
                    progress(line);
                }
            },
        };
        var index = new PostIndex(posts);
        options.Progress?.Invoke($"indexed {posts.Count:N0} posts by {index.AccountCount:N0} accounts");
        var results = new System.Collections.Concurrent.ConcurrentDictionary<CoordinationType, IReadOnlyList<CoordinationEdge>>();
        var distinct = types.Distinct().ToList();
        Parallel.ForEach(distinct.Where(t => t != CoordinationType.CoSimilar), type =>
        {
            var typed = options with { Type = type };
            results[type] = ToEdges(index, KeyedWeights(index, typed), typed);
        });
        if (distinct.Contains(CoordinationType.CoSimilar))
        {
            var typed = options with { Type = CoordinationType.CoSimilar };
            results[CoordinationType.CoSimilar] = ToEdges(index, SimilarWeights(index, typed), typed);
        }

        return distinct.ToDictionary(t => t, t => results[t]);
    }

    private static PackedPairs KeyedWeights(PostIndex index, CoordinationOptions options)
    {
        var (items, multiKey) = options.Type switch
        {
            CoordinationType.CoText => (TextKeys(index, options.RemoveUrls, options.IncludeSelfLoops), null),
            CoordinationType.CoRepost => (StringKeys(index, p => p.Kind == PostKind.Repost ? p.RepostOfId : null, options.IncludeSelfLoops), null),
            CoordinationType.CoReply => (StringKeys(index, p => p.Kind != PostKind.Repost ? p.ReplyToPostId : null, options.IncludeSelfLoops), null),
            CoordinationType.CoLink => LinkKeys(index, options.IncludeSelfLoops),
            _ => throw new ArgumentOutOfRangeException(nameof(options)),
        };
        options.Progress?.Invoke($"{TypeName(options.Type)}: {items.Length:N0} posts share a key with another; sorting");
        Array.Sort(items);
        var weights = new PackedPairs(index.AccountCount, index.AccountCount);
        Sweep(items, index, options.Window.Ticks, options.IncludeSelfLoops, multiKey, weights);
        return weights;
    }

    /// <summary>
    /// For each post i of a key, every post j of the same key with |t_i − t_j| ≤ window (two monotone pointers over
    /// the time-sorted run) marks the pair (i, account of j) once; each mark is one (A, B) pair appended to
    /// <paramref name="weights"/>, whose sorted runs are then the weights.
    /// </summary>
    private static void Sweep(KeyedItem[] items, PostIndex index, long window, bool selfLoops, bool[]? multiKey, PackedPairs weights)
    {
        var account = index.Account;
        // stamp[b] == post + 1 when post has already been counted for account b. Posts with several keys (co-link
        // with several URLs) can meet the same account under two keys: their (post, account) marks are collected
        // apart, and made distinct by sorting, before they become (A, B) pairs.
        var stamp = new int[index.AccountCount];
        var multiMarks = multiKey is null ? null : new PackedPairs(index.Count, index.AccountCount);
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
                        multiMarks!.Add(p, b);
                    }
                    else if (stamp[b] != p + 1)
                    {
                        stamp[b] = p + 1;
                        weights.Add(a, b);
                    }
                }
            }

            start = end;
        }

        multiMarks?.ForEachRun((p, b, _) => weights.Add(account[p], b));
    }

    /// <summary>
    /// Groups non-repost posts by their normalised text, exactly. Each text is normalised and hashed to 64 bits (in
    /// parallel, no string per post); the hashes are sorted, so posts whose text is unique drop out at once; within a
    /// run of equal hashes the normalised texts are compared, so a hash collision never merges two different texts.
    /// Groups of one post are dropped unless self-loops are wanted.
    /// </summary>
    internal static KeyedItem[] TextKeys(PostIndex index, bool removeUrls, bool keepSingles) =>
        TextKeys(index, removeUrls, keepSingles, TextNormaliser.HashText);

    /// <summary>Tests pass a deliberately bad hash to exercise the collision path.</summary>
    internal delegate ulong TextHash(ReadOnlySpan<char> text);

    internal static KeyedItem[] TextKeys(PostIndex index, bool removeUrls, bool keepSingles, TextHash hash)
    {
        var posts = index.Posts;
        var hashOf = new ulong[index.Count];
        var hasText = new bool[index.Count];
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
                hashOf[p] = hash(buffer.AsSpan(0, n));
                hasText[p] = true;
            }

            return buffer;
        }, _ => { });

        var count = 0;
        foreach (var b in hasText)
        {
            count += b ? 1 : 0;
        }

        var keys = new ulong[count];
        var members = new int[count];
        var k = 0;
        for (var p = 0; p < index.Count; p++)
        {
            if (hasText[p])
            {
                keys[k] = hashOf[p];
                members[k++] = p;
            }
        }

        hashOf = null;
        Array.Sort(keys, members);
        var items = new List<KeyedItem>();
        var group = 0L;
        var first = new char[256];
        var next = new char[256];
        var start = 0;
        while (start < keys.Length)
        {
            var end = start + 1;
            while (end < keys.Length && keys[end] == keys[start])
            {
                end++;
            }

            if (end - start == 1)
            {
                if (keepSingles)
                {
                    items.Add(new KeyedItem(group++, index.Ticks[members[start]], members[start]));
                }

                start = end;
                continue;
            }

            // Equal hashes: confirm with the texts. Nearly always one text; a collision splits the run by text.
            var firstText = posts[members[start]].Text;
            if (first.Length < firstText.Length)
            {
                first = new char[firstText.Length * 2];
            }

            var firstLength = TextNormaliser.Normalise(firstText, removeUrls, first);
            var runItems = items.Count;
            Dictionary<string, long>? split = null;
            var baseGroup = group++;
            for (var i = start; i < end; i++)
            {
                var p = members[i];
                var g = baseGroup;
                if (i > start)
                {
                    var text = posts[p].Text;
                    if (next.Length < text.Length)
                    {
                        next = new char[text.Length * 2];
                    }

                    var n = TextNormaliser.Normalise(text, removeUrls, next);
                    if (!next.AsSpan(0, n).SequenceEqual(first.AsSpan(0, firstLength)))
                    {
                        split ??= new Dictionary<string, long>(StringComparer.Ordinal);
                        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(split, new string(next, 0, n), out var exists);
                        if (!exists)
                        {
                            slot = group++;
                        }

                        g = slot;
                    }
                }

                items.Add(new KeyedItem(g, index.Ticks[p], p));
            }

            if (!keepSingles && split is not null)
            {
                // After a split some groups may hold a single post: drop them.
                var sizes = new Dictionary<long, int>();
                for (var i = runItems; i < items.Count; i++)
                {
                    CollectionsMarshal.GetValueRefOrAddDefault(sizes, items[i].Key, out _)++;
                }

                var kept = items.Skip(runItems).Where(it => sizes[it.Key] > 1).ToList();
                items.RemoveRange(runItems, items.Count - runItems);
                items.AddRange(kept);
            }

            start = end;
        }

        return [.. items];
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

    private static PackedPairs SimilarWeights(PostIndex index, CoordinationOptions options)
    {
        var tokens = TokenSets.Build(index, options.RemoveUrls, Math.Max(1, options.MinTokens));
        options.Progress?.Invoke($"{tokens.EligibleCount:N0} posts with at least {Math.Max(1, options.MinTokens)} tokens");
        // Membership is asked during the search (to skip pairs already known), so this one stays a set.
        var matched = new PackedSet();
        var account = index.Account;
        var selfLoops = options.IncludeSelfLoops;
        if (selfLoops)
        {
            foreach (var p in tokens.Eligible)
            {
                matched.Add(PackedSet.Key(p, account[p]));
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

            var m1 = PackedSet.Key(i, aj);
            var m2 = PackedSet.Key(j, ai);
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
        var weights = new PackedPairs(index.AccountCount, index.AccountCount);
        foreach (var m in matched.Keys())
        {
            weights.Add(account[(int)(m >> 32)], (int)(uint)m);
        }

        return weights;
    }

    /// <summary>The sorted runs of (A, B) pairs are the edges, already in (source, target) order: ranks are ordinal.</summary>
    private static List<CoordinationEdge> ToEdges(PostIndex index, PackedPairs weights, CoordinationOptions options)
    {
        var edges = new List<CoordinationEdge>();
        weights.ForEachRun((a, b, weight) =>
        {
            if (weight >= options.MinWeight && (a != b || options.IncludeSelfLoops))
            {
                edges.Add(new CoordinationEdge(index.AccountIds[a], index.AccountIds[b], weight, options.Type));
            }
        });
        options.Progress?.Invoke($"{TypeName(options.Type)}: {edges.Count:N0} edges");
        return edges;
    }

    /// <summary>The type's name as the CLI and the reports spell it (<c>co-text</c>, <c>co-similar</c>...).</summary>
    public static string TypeName(CoordinationType type) => type switch
    {
        CoordinationType.CoText => "co-text",
        CoordinationType.CoSimilar => "co-similar",
        CoordinationType.CoRepost => "co-repost",
        CoordinationType.CoLink => "co-link",
        CoordinationType.CoReply => "co-reply",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>The type of a name as <see cref="TypeName"/> spells it; null for an unknown name.</summary>
    public static CoordinationType? ParseType(string name) => name switch
    {
        "co-text" => CoordinationType.CoText,
        "co-similar" => CoordinationType.CoSimilar,
        "co-repost" => CoordinationType.CoRepost,
        "co-link" => CoordinationType.CoLink,
        "co-reply" => CoordinationType.CoReply,
        _ => null,
    };
}
