namespace Answerback.Counting;

/// <summary>
/// Plurality (first past the post), also for several seats: each ballot counts once, at its weight, for its
/// first preference (the single mark of a single-choice ballot); the candidates with the most votes win, as many
/// as there are seats. A tie at the last seat is decided by lot. Ballots whose first rank holds several
/// candidates are rejected. Rule source: the simple-majority ("first past the post") rule, e.g. UK
/// Representation of the People Act 1983, sch. 1 r. 48 (the candidates with the most votes are elected).
/// </summary>
public sealed class Plurality : ICountingMethod
{
    /// <inheritdoc/>
    public string Name => "plurality";

    /// <inheritdoc/>
    public CountReport Count(Election election, CountOptions options)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(options);
        var seats = MethodSupport.Seats(election, options, Name);
        var totals = new long[election.Candidates.Count];
        long blank = 0;
        long valid = 0;
        for (var i = 0; i < election.Ballots.Count; i++)
        {
            var ballot = election.Ballots[i];
            valid = checked(valid + ballot.Weight);
            var choice = -1;
            for (var r = 0; r < ballot.RankCount && choice < 0; r++)
            {
                var rank = ballot.Rank(r);
                var standing = new List<int>();
                foreach (var c in rank)
                {
                    if (!election.Withdrawn.Contains(c))
                    {
                        standing.Add(c);
                    }
                }

                if (standing.Count > 1)
                {
                    throw new CountingException($"{Name}: ballot {i + 1} marks {standing.Count} candidates equal first; plurality needs one choice.");
                }

                if (standing.Count == 1)
                {
                    choice = standing[0];
                }
            }

            if (choice < 0)
            {
                blank = checked(blank + ballot.Weight);
            }
            else
            {
                totals[choice] = checked(totals[choice] + ballot.Weight);
            }
        }

        return TopN.Report(Name, election, options, seats, totals, blank, valid, "first preferences");
    }
}

/// <summary>
/// Approval voting: every candidate marked on a ballot, at any rank, receives one approval at the ballot's
/// weight; the candidates with the most approvals win, as many as there are seats; a tie at the last seat
/// is decided by lot. Rule source: Brams and Fishburn, "Approval Voting" (1978), as used e.g. by the
/// city of St. Louis (Proposition D, 2020).
/// </summary>
public sealed class ApprovalVoting : ICountingMethod
{
    /// <inheritdoc/>
    public string Name => "approval";

    /// <inheritdoc/>
    public CountReport Count(Election election, CountOptions options)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(options);
        var seats = MethodSupport.Seats(election, options, Name);
        var totals = new long[election.Candidates.Count];
        long blank = 0;
        long valid = 0;
        foreach (var ballot in election.Ballots)
        {
            valid = checked(valid + ballot.Weight);
            var any = false;
            foreach (var c in ballot.MarkedCandidates)
            {
                if (!election.Withdrawn.Contains(c))
                {
                    totals[c] = checked(totals[c] + ballot.Weight);
                    any = true;
                }
            }

            if (!any)
            {
                blank = checked(blank + ballot.Weight);
            }
        }

        return TopN.Report(Name, election, options, seats, totals, blank, valid, "approvals");
    }
}

/// <summary>The shared ending of plurality and approval: the top N by votes, a tie at the last seat by lot.</summary>
internal static class TopN
{
    public static CountReport Report(string method, Election election, CountOptions options, int seats, long[] totals, long blank, long valid, string action)
    {
        var names = election.Candidates;
        var ties = new TieBreaker(options.Seed, names);
        var pool = Enumerable.Range(0, names.Count).Where(c => !election.Withdrawn.Contains(c)).ToList();
        var elected = new List<int>();
        while (elected.Count < seats)
        {
            var top = pool.Max(c => totals[c]);
            var tied = pool.Where(c => totals[c] == top).ToList();
            // Tied candidates who all fit in the remaining seats are elected together without a lot.
            var chosen = tied.Count <= seats - elected.Count ? tied : [ties.Draw(tied, 1, "last seat")];
            elected.AddRange(chosen);
            pool.RemoveAll(chosen.Contains);
        }

        var stage = new CountStage(1, action, Fixed.FormatAll(totals, 0, names.Count), Fixed.Format(blank, 0), [.. elected.Select(c => names[c])], []);
        return new CountReport
        {
            Method = method,
            Title = election.Title,
            Seats = seats,
            Valid = Fixed.Format(valid, 0),
            Candidates = names,
            Elected = [.. elected.Select(c => names[c])],
            Stages = [stage],
            Seed = options.Seed,
            Draws = ties.Draws,
        };
    }
}
