namespace Answerback.Counting;

/// <summary>
/// Meek's method of the single transferable vote as prescribed for New Zealand local elections: the Local
/// Electoral Regulations 2001 (NZ), schedule 1A ("New Zealand method of counting single transferable votes"),
/// after Hill, Wichmann and Woodall, "Algorithm 123", The Computer Journal 30 (1987).
/// <list type="bullet">
/// <item>Every candidate has a keep value: 1 for hopeful candidates, 0 once excluded, and for a successful
/// candidate the fraction of each vote reaching them that they keep; the rest passes to the next preference.</item>
/// <item>cl. 5: quota = (valid votes − non-transferable votes) / (seats + 1) + 0.000000001, truncated to nine
/// decimal places, recomputed at every iteration.</item>
/// <item>Keep values are recomputed as keep × quota / votes, rounded up at nine decimal places; votes are
/// distributed at nine decimal places, rounding down, the remainder staying with the ballot.</item>
/// <item>Iteration stops when the successful candidates' total surplus is below 0.00001 (or the keep values
/// no longer change); candidates whose votes reach the quota are then successful, otherwise the hopeful
/// candidate with the fewest votes is excluded (ties: most recent stage with unequal votes, then lot).</item>
/// <item>When successful plus hopeful candidates equal the vacancies, the hopeful candidates are elected.</item>
/// </list>
/// Arithmetic is fixed point in units of 10^-9 with checked overflow (128-bit where products need it).
/// </summary>
public sealed class MeekStv : ICountingMethod
{
    private const int Decimals = 9;
    private const long One = 1_000_000_000;
    private const long Tolerance = 10_000; // 0.00001 in units of 10^-9
    private const int MaxIterations = 10_000;

    /// <inheritdoc/>
    public string Name => "meek-stv";

    /// <inheritdoc/>
    public CountReport Count(Election election, CountOptions options)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(options);
        var seats = MethodSupport.Seats(election, options, Name);
        MethodSupport.RequireStrict(election, Name);
        var names = election.Candidates;
        var n = names.Count;
        var (prefs, starts, weights) = MethodSupport.Flatten(election);
        long validPapers = 0;
        for (var b = 0; b < weights.Length; b++)
        {
            if (starts[b] < starts[b + 1])
            {
                validPapers = checked(validPapers + weights[b]);
            }
        }

        if (validPapers == 0)
        {
            throw new CountingException($"{Name}: there are no valid ballots to count.");
        }

        var valid = checked(validPapers * One);
        var keep = new long[n];
        var state = new State[n];
        for (var c = 0; c < n; c++)
        {
            state[c] = election.Withdrawn.Contains(c) ? State.Excluded : State.Hopeful;
            keep[c] = state[c] == State.Hopeful ? One : 0;
        }

        var votes = new long[n];
        long exhausted = 0;
        long quota = 0;
        var ties = new TieBreaker(options.Seed, names);
        var stages = new List<CountStage>();
        var elected = new List<int>();

        void Distribute()
        {
            Array.Clear(votes);
            exhausted = 0;
            for (var b = 0; b < weights.Length; b++)
            {
                if (starts[b] == starts[b + 1])
                {
                    continue;
                }

                var remaining = One;
                for (var p = starts[b]; p < starts[b + 1] && remaining > 0; p++)
                {
                    var c = prefs[p];
                    var k = keep[c];
                    if (k == 0)
                    {
                        continue;
                    }

                    var take = k == One ? remaining : remaining * k / One;
                    votes[c] = checked(votes[c] + (weights[b] * take));
                    remaining -= take;
                }

                exhausted = checked(exhausted + (weights[b] * remaining));
            }

            quota = ((valid - exhausted) / (seats + 1)) + 1;
        }

        List<int> ElectReaching(int stage)
        {
            var reaching = Enumerable.Range(0, n).Where(c => state[c] == State.Hopeful && votes[c] >= quota).ToList();
            var ordered = new List<int>();
            while (reaching.Count > 0 && elected.Count < seats)
            {
                var top = reaching.Max(c => votes[c]);
                var tied = reaching.Where(c => votes[c] == top).ToList();
                var pick = tied.Count == 1 ? tied[0] : ties.Pick(tied, lowest: false, stage, "order of election");
                state[pick] = State.Elected;
                elected.Add(pick);
                ordered.Add(pick);
                reaching.Remove(pick);
            }

            return ordered;
        }

        // Iterates keep values until the surplus is within tolerance (or stops changing); elections follow convergence.
        int Converge()
        {
            var iterations = 0;
            while (iterations < MaxIterations)
            {
                iterations++;
                var changed = false;
                foreach (var c in elected)
                {
                    if (votes[c] == 0)
                    {
                        continue;
                    }

                    var next = (long)Int128.Min(One, (((Int128)keep[c] * quota) + votes[c] - 1) / votes[c]);
                    changed |= next != keep[c];
                    keep[c] = next;
                }

                Distribute();
                if (!changed || Surplus() < Tolerance)
                {
                    break;
                }
            }

            return iterations;
        }

        long Surplus()
        {
            long total = 0;
            foreach (var c in elected)
            {
                total = checked(total + Math.Max(0, votes[c] - quota));
            }

            return total;
        }

        void AddStage(string action, IReadOnlyList<int> excluded)
        {
            ties.Record(votes);
            var newly = ElectReaching(stages.Count + 1);
            stages.Add(new CountStage(stages.Count + 1, action, Fixed.FormatAll(votes, Decimals, n), Fixed.Format(exhausted, Decimals), [.. newly.Select(c => names[c])], [.. excluded.Select(c => names[c])]));
        }

        Distribute();
        AddStage("first preferences", []);
        while (elected.Count < seats)
        {
            var hopeful = Enumerable.Range(0, n).Where(c => state[c] == State.Hopeful).ToList();
            if (hopeful.Count <= seats - elected.Count)
            {
                var last = stages[^1];
                var filled = hopeful.OrderByDescending(c => votes[c]).ThenBy(c => c).ToList();
                foreach (var c in filled)
                {
                    state[c] = State.Elected;
                    elected.Add(c);
                }

                stages[^1] = last with { Elected = [.. last.Elected, .. filled.Select(c => names[c])] };
                break;
            }

            if (elected.Count > 0 && Surplus() >= Tolerance)
            {
                var before = (long[])keep.Clone();
                var iterations = Converge();
                if (!keep.AsSpan().SequenceEqual(before))
                {
                    AddStage($"surpluses: keep values after {iterations} iteration{(iterations == 1 ? string.Empty : "s")}", []);
                    continue;
                }
            }

            var lowest = hopeful.Min(c => votes[c]);
            var tied = hopeful.Where(c => votes[c] == lowest).ToList();
            var loser = tied.Count == 1 ? tied[0] : ties.Pick(tied, lowest: true, stages.Count + 1, "exclusion");
            state[loser] = State.Excluded;
            keep[loser] = 0;
            Distribute();
            var rounds = elected.Count > 0 ? Converge() : 0;
            AddStage($"exclusion of {names[loser]}" + (rounds > 0 ? $" (keep values after {rounds} iteration{(rounds == 1 ? string.Empty : "s")})" : string.Empty), [loser]);
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

    private enum State : byte
    {
        Hopeful,
        Elected,
        Excluded,
    }
}
