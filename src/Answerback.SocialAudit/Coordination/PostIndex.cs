namespace Answerback.SocialAudit;

/// <summary>
/// The columns the detectors sweep: each post's interned account number and its time in ticks, in arrays, so that
/// the inner loops touch no strings and allocate nothing.
/// </summary>
internal sealed class PostIndex
{
    public PostIndex(IReadOnlyList<Post> posts)
    {
        Posts = posts;
        Account = new int[posts.Count];
        Ticks = new long[posts.Count];
        // Reading ten million post objects is mostly waiting on memory, so both cores do it. Numbers are handed
        // out as ids are first met (a race may skip one), then replaced by each id's ordinal rank: sorting packed
        // (rank, rank) pairs then sorts edges by source and target id without comparing a string.
        var ids = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var next = -1;
        Func<string, int> assign = _ => Interlocked.Increment(ref next);
        var account = Account;
        var ticks = Ticks;
        Parallel.For(0, posts.Count, p =>
        {
            var post = posts[p];
            account[p] = ids.GetOrAdd(post.AccountId, assign);
            ticks[p] = post.Time.UtcTicks;
        });
        var sorted = new string[ids.Count];
        var numbers = new int[ids.Count];
        var k = 0;
        foreach (var (id, number) in ids)
        {
            sorted[k] = id;
            numbers[k++] = number;
        }

        Array.Sort(sorted, numbers, StringComparer.Ordinal);
        var rank = new int[next + 1];
        for (var r = 0; r < numbers.Length; r++)
        {
            rank[numbers[r]] = r;
        }

        Parallel.For(0, account.Length, p => account[p] = rank[account[p]]);
        AccountIds = sorted;
    }

    public IReadOnlyList<Post> Posts { get; }

    public int[] Account { get; }

    public long[] Ticks { get; }

    /// <summary>The account ids in ordinal order: <see cref="Account"/> holds each post's index here (its rank).</summary>
    public string[] AccountIds { get; }

    public int AccountCount => AccountIds.Length;

    public int Count => Account.Length;
}

/// <summary>A post under a grouping key (a text, a reposted id, a URL, a band signature), sortable by key then time.</summary>
internal struct KeyedItem(long key, long ticks, int post) : IComparable<KeyedItem>
{
    public long Key = key;
    public long Ticks = ticks;
    public int Post = post;

    public readonly int CompareTo(KeyedItem other)
    {
        var c = Key.CompareTo(other.Key);
        if (c != 0)
        {
            return c;
        }

        c = Ticks.CompareTo(other.Ticks);
        return c != 0 ? c : Post.CompareTo(other.Post);
    }
}
