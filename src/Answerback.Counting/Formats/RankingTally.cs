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

    private readonly Dictionary<int[], long> _counts = new(RankingComparer.Instance);
    private readonly List<int[]> _order = [];

    public void Add(ReadOnlySpan<int> ranking, long weight)
    {
        var lookup = _counts.GetAlternateLookup<ReadOnlySpan<int>>();
        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(lookup, ranking, out var exists);
        count = checked(count + weight);
        if (!exists)
        {
            _order.Add(ranking.ToArray());
        }
    }

    public IEnumerable<Ballot> Ballots()
    {
        foreach (var ranking in _order)
        {
            yield return ToBallot(ranking, _counts[ranking]);
        }
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
            var hash = new HashCode();
            hash.AddBytes(MemoryMarshal.AsBytes(alternate));
            return hash.ToHashCode();
        }

        public int[] Create(ReadOnlySpan<int> alternate) => alternate.ToArray();
    }
}
