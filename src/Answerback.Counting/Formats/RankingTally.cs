using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace Answerback.Counting.Formats;

/// <summary>
/// Counts identical rankings as rows stream in, keyed by the ranking itself without allocating for
/// repeats, so memory grows with distinct ballots and not with ballots. A ranking is a sequence of
/// candidate indexes; <see cref="Gap"/> marks an empty rank and <see cref="Tie"/> joins the next index to
/// the rank before it (equal ranks).
/// </summary>
internal sealed class RankingTally
{
    public const int Gap = -1;
    public const int Tie = -2;

    private readonly Dictionary<int[], long> _counts;
    private readonly Dictionary<int[], long>.AlternateLookup<ReadOnlySpan<int>> _lookup;
    private readonly List<int[]> _order = [];

    // Fast path: a ranking of at most 16 ranks over candidates 0..13 (gaps allowed, no ties) packs into one
    // ulong, 4 bits a rank (0 ends, 1 is a gap, 2..15 a candidate), avoiding an array per key and a pointer
    // chase per lookup. Which dictionary a ranking goes to depends only on its content, so both can coexist.
    private readonly Dictionary<ulong, int> _packed = [];
    private readonly List<(ulong Key, long Count)> _packedOrder = [];
    private readonly List<int> _arrival = []; // first-seen order over both: >= 0 packed index, < 0 ~array index

    public RankingTally()
    {
        _counts = new(RankingComparer.Instance);
        _lookup = _counts.GetAlternateLookup<ReadOnlySpan<int>>();
    }

    /// <summary>What a reader reports when <see cref="Add"/> throws <see cref="OverflowException"/>.</summary>
    public const string TotalTooLarge = "the ballots' weights add up to more than 9223372036854775807, the largest total a count can hold.";

    private long _total;

    /// <summary>Adds <paramref name="weight"/> ballots ranked so.</summary>
    /// <exception cref="OverflowException">The weights of all ballots added exceed <see cref="long.MaxValue"/> (nothing is added).</exception>
    public void Add(ReadOnlySpan<int> ranking, long weight)
    {
        // Every count later sums the weights: refuse here, while the reader knows the line, a total that cannot be held.
        _total = checked(_total + weight);
        if (TryPack(ranking, out var key))
        {
            ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_packed, key, out var found);
            if (found)
            {
                var entry = _packedOrder[index];
                _packedOrder[index] = (key, checked(entry.Count + weight));
            }
            else
            {
                index = _packedOrder.Count;
                _packedOrder.Add((key, weight));
                _arrival.Add(index);
            }

            return;
        }

        var lookup = _lookup;
        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(lookup, ranking, out var exists);
        count = checked(count + weight);
        if (!exists)
        {
            _arrival.Add(~_order.Count);
            _order.Add(ranking.ToArray());
        }
    }

    private static bool TryPack(ReadOnlySpan<int> ranking, out ulong key)
    {
        key = 0;
        if (ranking.Length > 16)
        {
            return false;
        }

        for (var i = 0; i < ranking.Length; i++)
        {
            var x = ranking[i];
            if (x < RankingTally.Gap || x > 13)
            {
                return false;
            }

            key |= (ulong)(x + 2) << (4 * i);
        }

        return true;
    }

    private static int[] Unpack(ulong key)
    {
        var length = 0;
        while (length < 16 && ((key >> (4 * length)) & 0xF) != 0)
        {
            length++;
        }

        var ranking = new int[length];
        for (var i = 0; i < length; i++)
        {
            ranking[i] = (int)((key >> (4 * i)) & 0xF) - 2;
        }

        return ranking;
    }

    public IEnumerable<(int[] Ranking, long Count)> InArrivalOrder()
    {
        foreach (var a in _arrival)
        {
            if (a >= 0)
            {
                var (key, count) = _packedOrder[a];
                yield return (Unpack(key), count);
            }
            else
            {
                var ranking = _order[~a];
                yield return (ranking, _counts[ranking]);
            }
        }
    }

    public IEnumerable<Ballot> Ballots()
    {
        foreach (var (ranking, count) in InArrivalOrder())
        {
            yield return ToBallot(ranking, count);
        }
    }

    /// <summary>
    /// The ballots with every candidate index renumbered through <paramref name="remap"/>. The keys are
    /// renumbered in place, so the tally cannot be used afterwards.
    /// </summary>
    public List<Ballot> TakeBallots(int[] remap)
    {
        var result = new List<Ballot>(_arrival.Count);
        foreach (var (ranking, weight) in InArrivalOrder())
        {
            var strict = true;
            for (var i = 0; i < ranking.Length; i++)
            {
                if (ranking[i] >= 0)
                {
                    ranking[i] = remap[ranking[i]];
                }
                else
                {
                    strict = false;
                }
            }

            result.Add(strict ? Ballot.RankedOwning(ranking, weight) : ToBallot(ranking, weight));
        }

        _counts.Clear();
        _order.Clear();
        _packed.Clear();
        _packedOrder.Clear();
        _arrival.Clear();
        return result;
    }

    public static Ballot ToBallot(ReadOnlySpan<int> ranking, long weight)
    {
        var strict = true;
        foreach (var x in ranking)
        {
            strict &= x >= 0;
        }

        if (strict)
        {
            return Ballot.Ranked(ranking.ToArray(), weight);
        }

        var ranks = new List<List<int>>();
        var joinNext = false;
        foreach (var x in ranking)
        {
            if (x == Tie)
            {
                joinNext = true;
            }
            else if (x == Gap)
            {
                ranks.Add([]);
            }
            else if (joinNext && ranks.Count > 0)
            {
                ranks[^1].Add(x);
                joinNext = false;
            }
            else
            {
                ranks.Add([x]);
            }
        }

        return Ballot.WithRanks(ranks, weight);
    }

    private sealed class RankingComparer : IEqualityComparer<int[]>, IAlternateEqualityComparer<ReadOnlySpan<int>, int[]>
    {
        public static readonly RankingComparer Instance = new();

        public bool Equals(int[]? x, int[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode([DisallowNull] int[] obj) => GetHashCode((ReadOnlySpan<int>)obj);

        public bool Equals(ReadOnlySpan<int> alternate, int[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<int> alternate)
        {
            // Rankings are short lists of small numbers: a multiply-xor mix is enough and much cheaper than HashCode.
            var hash = (ulong)alternate.Length;
            foreach (var x in alternate)
            {
                hash = unchecked((hash ^ (uint)x) * 0x9E3779B97F4A7C15UL);
                hash ^= hash >> 32;
            }

            return unchecked((int)hash);
        }

        public int[] Create(ReadOnlySpan<int> alternate) => alternate.ToArray();
    }
}
