namespace Answerback.Counting;

/// <summary>
/// What is counted: the candidates (in ballot-paper order), the number of seats, withdrawn candidates
/// (never counted; preferences for them are skipped) and the ballots, identical ballots grouped or not.
/// </summary>
public sealed class Election
{
    /// <summary>Creates an election and checks every ballot names only known candidates, each at most once.</summary>
    /// <exception cref="CountingException">A ballot names an unknown candidate or one candidate twice.</exception>
    public Election(IReadOnlyList<string> candidates, IEnumerable<Ballot> ballots, int seats = 1, IEnumerable<int>? withdrawn = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(ballots);
        if (candidates.Count == 0)
        {
            throw new CountingException("An election needs at least one candidate.");
        }

        if (seats < 1)
        {
            throw new CountingException($"An election needs at least one seat, not {seats}.");
        }

        Candidates = candidates;
        Seats = seats;
        Title = title;
        var withdrawnSet = new SortedSet<int>();
        foreach (var w in withdrawn ?? [])
        {
            if (w < 0 || w >= candidates.Count)
            {
                throw new CountingException($"Withdrawn candidate {w + 1} is not one of the {candidates.Count} candidates.");
            }

            withdrawnSet.Add(w);
        }

        Withdrawn = withdrawnSet;
        var list = new List<Ballot>();
        var seen = new bool[candidates.Count];
        foreach (var ballot in ballots)
        {
            Array.Clear(seen);
            foreach (var c in ballot.MarkedCandidates)
            {
                if (c < 0 || c >= candidates.Count)
                {
                    throw new CountingException($"Ballot {list.Count + 1} names candidate {c + 1}, but there are only {candidates.Count} candidates.");
                }

                if (seen[c])
                {
                    throw new CountingException($"Ballot {list.Count + 1} marks candidate {c + 1} ({candidates[c]}) more than once.");
                }

                seen[c] = true;
            }

            list.Add(ballot);
        }

        Ballots = list;
    }

    /// <summary>The candidates' names in ballot-paper (input) order; ballots refer to them by 0-based index.</summary>
    public IReadOnlyList<string> Candidates { get; }

    /// <summary>The number of seats to fill (from the ballot file, or 1).</summary>
    public int Seats { get; }

    /// <summary>Withdrawn candidates (0-based indexes): they receive no votes and their preferences are skipped.</summary>
    public IReadOnlySet<int> Withdrawn { get; }

    /// <summary>The election's title, when the ballot file gives one.</summary>
    public string? Title { get; }

    /// <summary>The ballots, each with its weight.</summary>
    public IReadOnlyList<Ballot> Ballots { get; }

    /// <summary>The total weight of the ballots.</summary>
    public long TotalWeight => Ballots.Sum(b => b.Weight);

    /// <summary>A copy of this election whose identical ballots are merged into one entry each (first-seen order).</summary>
    public Election Grouped()
    {
        var grouper = new BallotGrouper();
        foreach (var b in Ballots)
        {
            grouper.Add(b);
        }

        return new Election(Candidates, grouper.ToBallots(), Seats, Withdrawn, Title);
    }
}

/// <summary>
/// Merges identical ballots as they arrive, so memory grows with distinct ballots and not with ballots.
/// </summary>
public sealed class BallotGrouper
{
    private readonly Dictionary<BallotKey, int> _index = [];
    private readonly List<Ballot> _ballots = [];
    private readonly List<long> _weights = [];

    /// <summary>The number of distinct ballots so far.</summary>
    public int DistinctCount => _ballots.Count;

    /// <summary>Adds a ballot (with its weight) to the groups.</summary>
    public void Add(Ballot ballot)
    {
        ArgumentNullException.ThrowIfNull(ballot);
        var key = new BallotKey(ballot);
        if (_index.TryGetValue(key, out var i))
        {
            _weights[i] = checked(_weights[i] + ballot.Weight);
        }
        else
        {
            _index.Add(key, _ballots.Count);
            _ballots.Add(ballot);
            _weights.Add(ballot.Weight);
        }
    }

    /// <summary>The distinct ballots with their summed weights, in first-seen order.</summary>
    public IReadOnlyList<Ballot> ToBallots() => [.. _ballots.Select((b, i) => b.Weight == _weights[i] ? b : b.WithWeight(_weights[i]))];

    private readonly struct BallotKey(Ballot ballot) : IEquatable<BallotKey>
    {
        private readonly Ballot _ballot = ballot;
        private readonly int _hash = ballot.MarksHash();

        public bool Equals(BallotKey other) => _hash == other._hash && _ballot.SameMarks(other._ballot);

        public override bool Equals(object? obj) => obj is BallotKey other && Equals(other);

        public override int GetHashCode() => _hash;
    }
}

/// <summary>A count that cannot go ahead (bad ballots, more seats than candidates, a ballot shape the method cannot take).</summary>
public sealed class CountingException : Exception
{
    /// <summary>Creates the exception with a message for the user.</summary>
    public CountingException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public CountingException() : base("The count cannot go ahead.")
    {
    }

    /// <summary>Creates the exception wrapping another.</summary>
    public CountingException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
