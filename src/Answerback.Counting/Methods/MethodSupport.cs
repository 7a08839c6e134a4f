namespace Answerback.Counting;

/// <summary>Checks shared by the methods: seats against candidates, and the ballot shapes a method takes.</summary>
internal static class MethodSupport
{
    public static int Seats(Election election, CountOptions options, string method)
    {
        var seats = options.Seats ?? election.Seats;
        var standing = election.Candidates.Count - election.Withdrawn.Count;
        if (seats < 1)
        {
            throw new CountingException($"{method}: seats must be at least 1, not {seats}.");
        }

        if (seats > standing)
        {
            throw new CountingException($"{method}: {seats} seats but only {standing} candidates standing.");
        }

        return seats;
    }

    /// <summary>Single-winner methods count one seat; asking explicitly for more is an error.</summary>
    public static void SingleWinner(CountOptions options, string method)
    {
        if (options.Seats is > 1)
        {
            throw new CountingException($"{method} elects one candidate; use scottish-stv or meek-stv (or plurality/approval) for {options.Seats} seats.");
        }
    }

    /// <summary>Rejects equal ranks and gaps, which transferable-vote rules cannot follow.</summary>
    public static void RequireStrict(Election election, string method)
    {
        for (var i = 0; i < election.Ballots.Count; i++)
        {
            var ballot = election.Ballots[i];
            if (ballot.IsStrict)
            {
                continue;
            }

            for (var r = 0; r < ballot.RankCount; r++)
            {
                var n = ballot.Rank(r).Length;
                if (n == 0)
                {
                    throw new CountingException($"{method}: ballot {i + 1} has a gap at rank {r + 1}; this method needs consecutive preferences.");
                }

                if (n > 1)
                {
                    throw new CountingException($"{method}: ballot {i + 1} ranks {n} candidates equal at rank {r + 1}; this method needs one candidate per rank.");
                }
            }
        }
    }

    /// <summary>The strict preferences of every ballot with withdrawn candidates removed, flattened for speed.</summary>
    public static (int[] Prefs, int[] Starts, long[] Weights) Flatten(Election election)
    {
        var count = election.Ballots.Count;
        var starts = new int[count + 1];
        var weights = new long[count];
        var total = 0;
        foreach (var b in election.Ballots)
        {
            total += b.MarkedCandidates.Length;
        }

        var prefs = new int[total];
        var withdrawn = new bool[election.Candidates.Count];
        foreach (var w in election.Withdrawn)
        {
            withdrawn[w] = true;
        }

        var n = 0;
        for (var i = 0; i < count; i++)
        {
            var b = election.Ballots[i];
            starts[i] = n;
            weights[i] = b.Weight;
            foreach (var c in b.MarkedCandidates)
            {
                if (!withdrawn[c])
                {
                    prefs[n++] = c;
                }
            }
        }

        starts[count] = n;
        return (prefs, starts, weights);
    }
}
