namespace Answerback.Counting;

/// <summary>
/// The alternative vote (instant runoff) for one seat. Each ballot counts for its highest-ranked continuing
/// candidate; a candidate with more than half of the continuing (non-exhausted) votes is elected; otherwise
/// the candidate with the fewest votes is excluded and the count repeats. Ties for exclusion are broken by the
/// most recent round at which the tied candidates had unequal votes, then by lot. Rule source: the UK
/// Parliamentary Voting System and Constituencies Act 2011, sch. 2 (the AV rules put to the 2011 referendum),
/// and Australia's Commonwealth Electoral Act 1918, s. 274. Equal ranks and gaps are rejected.
/// </summary>
public sealed class AlternativeVote : ICountingMethod
{
    /// <inheritdoc/>
    public string Name => "av";

    /// <inheritdoc/>
    public CountReport Count(Election election, CountOptions options)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(options);
        MethodSupport.SingleWinner(options, Name);
        MethodSupport.Seats(election, options with { Seats = 1 }, Name);
        MethodSupport.RequireStrict(election, Name);
        var names = election.Candidates;
        var n = names.Count;
        var (prefs, starts, weights) = MethodSupport.Flatten(election);
        var continuing = new bool[n];
        for (var c = 0; c < n; c++)
        {
            continuing[c] = !election.Withdrawn.Contains(c);
        }

        var ties = new TieBreaker(options.Seed, names);
        var stages = new List<CountStage>();
        var valid = weights.Sum();
        var excluded = new List<int>();
        while (true)
        {
            var totals = new long[n];
            long exhausted = 0;
            for (var b = 0; b < weights.Length; b++)
            {
                var p = starts[b];
                while (p < starts[b + 1] && !continuing[prefs[p]])
                {
                    p++;
                }

                if (p == starts[b + 1])
                {
                    exhausted = checked(exhausted + weights[b]);
                }
                else
                {
                    totals[prefs[p]] = checked(totals[prefs[p]] + weights[b]);
                }
            }

            ties.Record(totals);
            var stageNo = stages.Count + 1;
            var action = excluded.Count == 0 ? "first preferences" : "exclusion of " + names[excluded[^1]];
            var active = checked(valid - exhausted);
            var left = Enumerable.Range(0, n).Where(c => continuing[c]).ToList();
            var top = left.Max(c => totals[c]);
            var leaders = left.Where(c => totals[c] == top).ToList();
            int? winner = (top * 2 > active && leaders.Count == 1) || left.Count == 1 ? leaders[0] : null;
            if (winner is null && left.Count == leaders.Count)
            {
                // Every continuing candidate is tied: nobody can be excluded on votes; a lot decides the winner.
                winner = ties.Pick(leaders, lowest: false, stageNo, "winner");
            }

            var stage = new CountStage(stageNo, action, Fixed.FormatAll(totals, 0, n), Fixed.Format(exhausted, 0), winner is int w ? [names[w]] : [], excluded.Count == 0 ? [] : [names[excluded[^1]]]);
            stages.Add(stage);
            if (winner is int elected)
            {
                return new CountReport
                {
                    Method = Name,
                    Title = election.Title,
                    Seats = 1,
                    Valid = Fixed.Format(valid, 0),
                    Quota = null,
                    Candidates = names,
                    Elected = [names[elected]],
                    Stages = stages,
                    Seed = options.Seed,
                    Draws = ties.Draws,
                };
            }

            var lowest = left.Min(c => totals[c]);
            var tied = left.Where(c => totals[c] == lowest).ToList();
            var loser = tied.Count == 1 ? tied[0] : ties.Pick(tied, lowest: true, stageNo + 1, "exclusion");
            continuing[loser] = false;
            excluded.Add(loser);
        }
    }
}
