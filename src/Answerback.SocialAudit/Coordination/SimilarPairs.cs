namespace Answerback.SocialAudit;

/// <summary>Each post's distinct word-token hashes, sorted, in one pooled array.</summary>
internal sealed class TokenSets
{
    private readonly ulong[] _pool;
    private readonly int[] _start;
    private readonly int[] _count;

    private TokenSets(ulong[] pool, int[] start, int[] count, int[] eligible)
    {
        _pool = pool;
        _start = start;
        _count = count;
        Eligible = eligible;
    }

    /// <summary>Posts (not reposts) with at least the minimum number of tokens, in input order.</summary>
    public int[] Eligible { get; }

    public int EligibleCount => Eligible.Length;

    public ReadOnlySpan<ulong> Of(int post) => _pool.AsSpan(_start[post], _count[post]);

    public static TokenSets Build(PostIndex index, bool removeUrls, int minTokens)
    {
        // Tokenising is independent per post: chunks are tokenised in parallel into their own pools, then joined.
        var count = new int[index.Count];
        var chunkSize = 65_536;
        var chunks = (index.Count + chunkSize - 1) / chunkSize;
        var pools = new List<ulong>[chunks];
        Parallel.For(0, chunks, c =>
        {
            var pool = new List<ulong>();
            var end = Math.Min(index.Count, (c + 1) * chunkSize);
            for (var p = c * chunkSize; p < end; p++)
            {
                var post = index.Posts[p];
                if (post.Kind == PostKind.Repost)
                {
                    continue;
                }

                var before = pool.Count;
                var n = TextNormaliser.TokenHashes(post.Text, removeUrls, pool);
                if (n < minTokens)
                {
                    pool.RemoveRange(before, n);
                    continue;
                }

                count[p] = n;
            }

            pools[c] = pool;
        });

        var total = 0L;
        foreach (var pool in pools)
        {
            total += pool.Count;
        }

        var all = new ulong[total];
        var start = new int[index.Count];
        var eligible = new List<int>();
        var at = 0;
        for (var c = 0; c < chunks; c++)
        {
            var chunkStart = at;
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pools[c]).CopyTo(all.AsSpan(at));
            pools[c] = null!;
            var offset = chunkStart;
            var end = Math.Min(index.Count, (c + 1) * chunkSize);
            for (var p = c * chunkSize; p < end; p++)
            {
                start[p] = offset;
                offset += count[p];
                if (count[p] > 0)
                {
                    eligible.Add(p);
                }
            }

            at = offset;
        }

        return new TokenSets(all, start, count, [.. eligible]);
    }

    /// <summary>Exact Jaccard |A ∩ B| / |A ∪ B| ≥ threshold, over the token hashes (a sorted merge).</summary>
    public bool Similar(int i, int j, double threshold)
    {
        var a = Of(i);
        var b = Of(j);
        // |A ∩ B| / |A ∪ B| ≤ min/max, so sets of very different size cannot reach the threshold.
        if ((double)Math.Min(a.Length, b.Length) / Math.Max(a.Length, b.Length) < threshold)
        {
            return false;
        }

        return Jaccard(a, b) >= threshold;
    }

    public static double Jaccard(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        int x = 0, y = 0, both = 0;
        while (x < a.Length && y < b.Length)
        {
            if (a[x] == b[y])
            {
                both++;
                x++;
                y++;
            }
            else if (a[x] < b[y])
            {
                x++;
            }
            else
            {
                y++;
            }
        }

        var union = a.Length + b.Length - both;
        return union == 0 ? 0 : (double)both / union;
    }
}

/// <summary>
/// Candidate pairs of co-similar within the window. Exhaustive: every pair of eligible posts within the window.
/// MinHash: for each band, a signature of <c>rows</c> minimum hashes of the token set; posts with equal band
/// signatures are swept in time like any other key. A pair with Jaccard s is a candidate in at least one band with
/// probability 1 − (1 − s^rows)^bands; the caller checks the exact Jaccard, so there are no false positives.
/// </summary>
internal static class SimilarPairs
{
    public static void Find(PostIndex index, TokenSets tokens, CoordinationOptions options, Action<int, int> consider)
    {
        var window = options.Window.Ticks;
        var ticks = index.Ticks;
        if (options.Method == SimilarityMethod.Exhaustive)
        {
            var order = tokens.Eligible.ToArray();
            var times = order.Select(p => ticks[p]).ToArray();
            Array.Sort(times, order);
            for (var i = 0; i < order.Length; i++)
            {
                for (var j = i + 1; j < order.Length && ticks[order[j]] - ticks[order[i]] <= window; j++)
                {
                    consider(order[i], order[j]);
                }
            }

            return;
        }

        var eligible = tokens.Eligible;
        var keys = new ulong[eligible.Length];
        var members = new int[eligible.Length];
        var runTicks = new List<long>();
        var runPosts = new List<int>();
        for (var band = 0; band < options.Bands; band++)
        {
            var bandSeed = options.Seed + ((ulong)band * 0x9E3779B97F4A7C15UL);
            Parallel.For(0, eligible.Length, k =>
            {
                var p = eligible[k];
                keys[k] = BandKey(tokens.Of(p), bandSeed, options.RowsPerBand);
                members[k] = p;
            });

            // A primitive-key sort (no comparer) groups equal band signatures; runs are then checked in time order.
            Array.Sort(keys, members);
            var start = 0;
            while (start < keys.Length)
            {
                var end = start + 1;
                while (end < keys.Length && keys[end] == keys[start])
                {
                    end++;
                }

                if (end - start > 1)
                {
                    runTicks.Clear();
                    runPosts.Clear();
                    for (var k = start; k < end; k++)
                    {
                        runTicks.Add(ticks[members[k]]);
                        runPosts.Add(members[k]);
                    }

                    var t = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(runTicks);
                    var m = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(runPosts);
                    t.Sort(m);
                    for (var i = 0; i < t.Length; i++)
                    {
                        for (var j = i + 1; j < t.Length && t[j] - t[i] <= window; j++)
                        {
                            consider(m[i], m[j]);
                        }
                    }
                }

                start = end;
            }

            options.Progress?.Invoke($"co-similar: band {band + 1}/{options.Bands}");
        }
    }

    private static ulong BandKey(ReadOnlySpan<ulong> set, ulong bandSeed, int rows)
    {
        var key = bandSeed;
        for (var r = 0; r < rows; r++)
        {
            var seed = TextNormaliser.Mix(bandSeed + (ulong)(r + 1));
            var min = ulong.MaxValue;
            foreach (var token in set)
            {
                var h = TextNormaliser.Mix(token ^ seed);
                if (h < min)
                {
                    min = h;
                }
            }

            key = TextNormaliser.Mix(key ^ min) + (ulong)r;
        }

        return key;
    }
}
