namespace Answerback.Counting;

/// <summary>
/// One ballot, or a group of identical ballots (<see cref="Weight"/> copies). A ballot is a list of ranks;
/// each rank holds the candidates (0-based indexes into <see cref="Election.Candidates"/>) marked at that
/// rank. A strict ranking has exactly one candidate per rank; equal ranks put several candidates in one
/// rank; a gap is an empty rank; an approval ballot is one rank holding every approved candidate.
/// </summary>
public sealed class Ballot : IEquatable<Ballot>
{
    private readonly int[] _candidates;

    // Null for a strict ranking (one candidate per rank), the common case, to save memory and time.
    private readonly int[]? _rankStarts;

    private Ballot(int[] candidates, int[]? rankStarts, long weight)
    {
        if (weight <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "A ballot's weight must be positive.");
        }

        _candidates = candidates;
        _rankStarts = rankStarts;
        Weight = weight;
    }

    /// <summary>How many identical ballots this entry stands for.</summary>
    public long Weight { get; }

    /// <summary>The number of ranks (including empty ranks left as gaps).</summary>
    public int RankCount => _rankStarts is null ? _candidates.Length : _rankStarts.Length - 1;

    /// <summary>True when every rank holds exactly one candidate: no equal ranks and no gaps.</summary>
    public bool IsStrict => _rankStarts is null;

    /// <summary>Every candidate marked on the ballot, in rank order.</summary>
    public ReadOnlySpan<int> MarkedCandidates => _candidates;

    /// <summary>The candidates marked at rank <paramref name="rank"/> (0-based).</summary>
    public ReadOnlySpan<int> Rank(int rank) =>
        _rankStarts is null ? _candidates.AsSpan(rank, 1) : _candidates.AsSpan(_rankStarts[rank], _rankStarts[rank + 1] - _rankStarts[rank]);

    /// <summary>A strict ranking: the first candidate is the first preference, and so on.</summary>
    public static Ballot Ranked(IEnumerable<int> preferences, long weight = 1)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        return new Ballot(preferences.ToArray(), null, weight);
    }

    /// <summary>A strict ranking that takes ownership of <paramref name="preferences"/> (readers' fast path).</summary>
    internal static Ballot RankedOwning(int[] preferences, long weight) => new(preferences, null, weight);

    /// <summary>A ranking that may have equal ranks (several candidates in one rank) and gaps (empty ranks).</summary>
    public static Ballot WithRanks(IEnumerable<IEnumerable<int>> ranks, long weight = 1)
    {
        ArgumentNullException.ThrowIfNull(ranks);
        var candidates = new List<int>();
        var starts = new List<int> { 0 };
        var strict = true;
        foreach (var rank in ranks)
        {
            candidates.AddRange(rank);
            strict &= candidates.Count == starts[^1] + 1;
            starts.Add(candidates.Count);
        }

        return new Ballot([.. candidates], strict ? null : [.. starts], weight);
    }

    /// <summary>An approval ballot: every listed candidate is approved, none above another.</summary>
    public static Ballot Approval(IEnumerable<int> approved, long weight = 1)
    {
        ArgumentNullException.ThrowIfNull(approved);
        var candidates = approved.ToArray();
        return new Ballot(candidates, candidates.Length == 1 ? null : [0, candidates.Length], weight);
    }

    /// <summary>A single-choice ballot (one mark).</summary>
    public static Ballot SingleChoice(int candidate, long weight = 1) => Ranked([candidate], weight);

    /// <summary>The same ballot with another weight.</summary>
    public Ballot WithWeight(long weight) => new(_candidates, _rankStarts, weight);

    /// <summary>True when both ballots mark the same candidates at the same ranks (weights are ignored).</summary>
    public bool SameMarks(Ballot other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return _candidates.AsSpan().SequenceEqual(other._candidates)
            && (_rankStarts is null) == (other._rankStarts is null)
            && _rankStarts.AsSpan().SequenceEqual(other._rankStarts);
    }

    /// <inheritdoc/>
    public bool Equals(Ballot? other) => other is not null && Weight == other.Weight && SameMarks(other);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Ballot other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Weight, MarksHash());

    internal int MarksHash()
    {
        var hash = new HashCode();
        foreach (var c in _candidates)
        {
            hash.Add(c);
        }

        foreach (var s in _rankStarts ?? [])
        {
            hash.Add(s);
        }

        return hash.ToHashCode();
    }

    /// <summary>The ballot in the BLT style: ranks separated by spaces, equal ranks joined by '='.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        for (var r = 0; r < RankCount; r++)
        {
            var rank = Rank(r).ToArray();
            parts.Add(rank.Length == 0 ? "-" : string.Join('=', rank.Select(c => (c + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }

        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Weight} {string.Join(' ', parts)}");
    }
}
