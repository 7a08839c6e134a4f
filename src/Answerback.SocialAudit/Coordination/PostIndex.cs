using System.Runtime.InteropServices;

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
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var list = new List<string>();
        for (var p = 0; p < posts.Count; p++)
        {
            var post = posts[p];
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(ids, post.AccountId, out var exists);
            if (!exists)
            {
                slot = list.Count;
                list.Add(post.AccountId);
            }

            Account[p] = slot;
            Ticks[p] = post.Time.UtcTicks;
        }

        AccountIds = [.. list];
    }

    public IReadOnlyList<Post> Posts { get; }

    public int[] Account { get; }

    public long[] Ticks { get; }

    public string[] AccountIds { get; }

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
