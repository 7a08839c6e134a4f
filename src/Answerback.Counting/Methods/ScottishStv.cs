namespace Answerback.Counting;

/// <summary>
/// The single transferable vote as counted at Scottish local government elections: the Scottish Local
/// Government Elections Order 2007 (SSI 2007/42), schedule 1, rules 45 to 52.
/// <list type="bullet">
/// <item>r. 45: quota = floor(valid papers / (seats + 1)) + 1; a candidate whose votes equal or exceed it is elected.</item>
/// <item>r. 46, 48: a surplus transfers every paper of the elected candidate, each at
/// (surplus × the paper's value) / the candidate's total, ignoring the remainder beyond five decimal places;
/// papers with no further continuing preference are non-transferable.</item>
/// <item>r. 49: the largest surplus first; equal surpluses by the most recent stage at which the candidates
/// had unequal votes (the higher first), else by lot.</item>
/// <item>r. 50, 51: with no surplus to transfer, the lowest candidate is excluded and all their papers move in
/// one stage at their current values; ties by the most recent stage with unequal votes, else by lot.</item>
/// <item>r. 52: when the continuing candidates equal the vacancies left, they are elected.</item>
/// </list>
/// Arithmetic is exact: integers in units of 0.00001 vote with checked overflow, never floating point.
/// </summary>
public sealed class ScottishStv : ICountingMethod
{
    private const int Decimals = 5;

    /// <inheritdoc/>
    public string Name => "scottish-stv";

    /// <inheritdoc/>
    // Fully optimised at first call: a one-shot count (the CLI) should not spend its time in unoptimised code.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public CountReport Count(Election election, CountOptions options)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(options);
        var seats = MethodSupport.Seats(election, options, Name);
        MethodSupport.RequireStrict(election, Name);
        var unit = Fixed.Unit(Decimals);
        var names = election.Candidates;
        var n = names.Count;
        var (prefs, starts, weights) = MethodSupport.Flatten(election);
        var ballots = weights.Length;

        // State per distinct ballot: identical papers are always treated alike under these rules,
        // so one value and one position per group is exact.
        var position = new int[ballots];
        var value = new long[ballots];
        var piles = new List<int>[n];
        for (var c = 0; c < n; c++)
        {
            piles[c] = [];
        }

        var state = new CandidateState[n];
        foreach (var w in election.Withdrawn)
        {
            state[w] = CandidateState.Withdrawn;
        }

        var totals = new long[n];
        long nonTransferable = 0;
        long validPapers = 0;
        for (var b = 0; b < ballots; b++)
        {
            if (starts[b] == starts[b + 1])
            {
                continue; // a paper with no preference for a standing candidate is not a valid vote
            }

            validPapers = checked(validPapers + weights[b]);
            var first = prefs[starts[b]];
            position[b] = starts[b];
            value[b] = unit;
            totals[first] = checked(totals[first] + (weights[b] * unit));
            piles[first].Add(b);
        }

        if (validPapers == 0)
        {
            throw new CountingException($"{Name}: there are no valid ballots to count.");
        }

        var valid = checked(validPapers * unit);
        var quota = checked(((validPapers / (seats + 1)) + 1) * unit);
        var ties = new TieBreaker(options.Seed, names);
        var stages = new List<CountStage>();
        var elected = new List<int>();

        void AddStage(string action, List<int> excluded)
        {
            ties.Record(totals);
            var newly = ElectReachingQuota(stages.Count + 1);
            stages.Add(new CountStage(stages.Count + 1, action, Fixed.FormatAll(totals, Decimals, n), Fixed.Format(nonTransferable, Decimals), [.. newly.Select(c => names[c])], [.. excluded.Select(c => names[c])]));
        }

        List<int> ElectReachingQuota(int stage)
        {
            var reaching = Enumerable.Range(0, n).Where(c => state[c] == CandidateState.Continuing && totals[c] >= quota).ToList();
            var ordered = OrderByVotes(reaching, stage);
            var taken = ordered.Take(seats - elected.Count).ToList();
            foreach (var c in taken)
            {
                state[c] = CandidateState.Elected;
                elected.Add(c);
            }

            return taken;
        }

        List<int> OrderByVotes(List<int> candidates, int stage)
        {
            var ordered = new List<int>();
            var pool = candidates.ToList();
            while (pool.Count > 0)
            {
                var top = pool.Max(c => totals[c]);
                var tied = pool.Where(c => totals[c] == top).ToList();
                var pick = tied.Count == 1 ? tied[0] : ties.Pick(tied, lowest: false, stage, "order of election");
                ordered.Add(pick);
                pool.Remove(pick);
            }

            return ordered;
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        long Transfer(int from, long surplus, long fromTotal)
        {
            long moved = 0;
            foreach (var b in piles[from])
            {
                var v = surplus < 0 ? value[b] : (long)((Int128)surplus * value[b] / fromTotal);
                value[b] = v;
                var p = position[b] + 1;
                var end = starts[b + 1];
                while (p < end && state[prefs[p]] != CandidateState.Continuing)
                {
                    p++;
                }

                var amount = checked(weights[b] * v);
                moved = checked(moved + amount);
                if (p == end)
                {
                    position[b] = end;
                    nonTransferable = checked(nonTransferable + amount);
                }
                else
                {
                    position[b] = p;
                    var to = prefs[p];
                    totals[to] = checked(totals[to] + amount);
                    piles[to].Add(b);
                }
            }

            piles[from].Clear();
            return moved;
        }

        AddStage("first preferences", []);
        while (elected.Count < seats)
        {
            var continuing = Enumerable.Range(0, n).Where(c => state[c] == CandidateState.Continuing).ToList();
            var vacancies = seats - elected.Count;
            if (continuing.Count <= vacancies)
            {
                // r. 52: the continuing candidates fill the remaining vacancies, highest first.
                var last = stages[^1];
                var filled = OrderByVotes(continuing, stages.Count);
                foreach (var c in filled)
                {
                    state[c] = CandidateState.Elected;
                    elected.Add(c);
                }

                stages[^1] = last with { Elected = [.. last.Elected, .. filled.Select(c => names[c])] };
                break;
            }

            var withSurplus = elected.Where(c => totals[c] > quota).ToList();
            if (withSurplus.Count > 0)
            {
                var largest = withSurplus.Max(c => totals[c] - quota);
                var tied = withSurplus.Where(c => totals[c] - quota == largest).ToList();
                var from = tied.Count == 1 ? tied[0] : ties.Pick(tied, lowest: false, stages.Count + 1, "surplus order");
                var total = totals[from];
                var surplus = total - quota;
                var transferValue = surplus * unit / total;
                var moved = Transfer(from, surplus, total);
                totals[from] = quota;
                nonTransferable = checked(nonTransferable + (surplus - moved)); // fractions lost to truncation
                AddStage($"surplus of {names[from]} at transfer value {Fixed.Format(transferValue, Decimals)}", []);
            }
            else
            {
                var lowest = continuing.Min(c => totals[c]);
                var tied = continuing.Where(c => totals[c] == lowest).ToList();
                var excluded = tied.Count == 1 ? tied[0] : ties.Pick(tied, lowest: true, stages.Count + 1, "exclusion");
                state[excluded] = CandidateState.Excluded;
                var moved = Transfer(excluded, -1, 0);
                totals[excluded] = checked(totals[excluded] - moved);
                AddStage($"exclusion of {names[excluded]}", [excluded]);
            }
        }

        return new CountReport
        {
            Method = Name,
            Title = election.Title,
            Seats = seats,
            Valid = Fixed.Format(valid, Decimals),
            Quota = Fixed.Format(quota, Decimals),
            Candidates = names,
            Elected = [.. elected.Select(c => names[c])],
            Stages = stages,
            Seed = options.Seed,
            Draws = ties.Draws,
        };
    }

    private enum CandidateState : byte
    {
        Continuing,
        Elected,
        Excluded,
        Withdrawn,
    }
}
