namespace Answerback.Counting;

/// <summary>The pairwise matrix shared by the Condorcet methods.</summary>
internal static class Pairwise
{
    /// <summary>
    /// <c>d[i, j]</c> = the weight of ballots ranking i above j. A ranked candidate is above every unranked one;
    /// candidates in the same rank, or both unranked, are level. Withdrawn candidates are left out.
    /// </summary>
    public static long[,] Matrix(Election election)
    {
        var n = election.Candidates.Count;
        var d = new long[n, n];
        var rankOf = new int[n];
        var listed = new List<int>(n);
        foreach (var ballot in election.Ballots)
        {
            Array.Fill(rankOf, int.MaxValue);
            listed.Clear();
            for (var r = 0; r < ballot.RankCount; r++)
            {
                foreach (var c in ballot.Rank(r))
                {
                    rankOf[c] = r;
                    listed.Add(c);
                }
            }

            var w = ballot.Weight;
            foreach (var i in listed)
            {
                for (var j = 0; j < n; j++)
                {
                    if (rankOf[i] < rankOf[j])
                    {
                        d[i, j] = checked(d[i, j] + w);
                    }
                }
            }
        }

        foreach (var x in election.Withdrawn)
        {
            for (var j = 0; j < n; j++)
            {
                d[x, j] = 0;
                d[j, x] = 0;
            }
        }

        return d;
    }

    public static IReadOnlyList<IReadOnlyList<long>> Rows(long[,] d)
    {
        var n = d.GetLength(0);
        return [.. Enumerable.Range(0, n).Select(i => (IReadOnlyList<long>)[.. Enumerable.Range(0, n).Select(j => d[i, j])])];
    }

    public static CountReport Report(string method, Election election, CountOptions options, long[,] d, List<int> ranking, TieBreaker ties)
    {
        var names = election.Candidates;
        var n = names.Count;
        var first = new long[n];
        long exhausted = 0;
        long valid = 0;
        foreach (var ballot in election.Ballots)
        {
            valid = checked(valid + ballot.Weight);
            // The first rank holding a standing candidate counts if it holds exactly one; a blank ballot or an
            // equal first choice has no single first preference and is shown with the non-transferable papers.
            var top = -1;
            for (var r = 0; r < ballot.RankCount && top == -1; r++)
            {
                var standing = 0;
                foreach (var c in ballot.Rank(r))
                {
                    if (!election.Withdrawn.Contains(c))
                    {
                        standing++;
                        top = c;
                    }
                }

                if (standing > 1)
                {
                    top = -2;
                }
            }

            if (top < 0)
            {
                exhausted = checked(exhausted + ballot.Weight);
            }
            else
            {
                first[top] = checked(first[top] + ballot.Weight);
            }
        }

        var winner = names[ranking[0]];
        return new CountReport
        {
            Method = method,
            Title = election.Title,
            Seats = 1,
            Valid = Fixed.Format(valid, 0),
            Candidates = names,
            Elected = [winner],
            Stages = [new CountStage(1, "first preferences and pairwise comparison", Fixed.FormatAll(first, 0, n), Fixed.Format(exhausted, 0), [winner], [])],
            Seed = options.Seed,
            Draws = ties.Draws,
            Pairwise = Rows(d),
            Ranking = [.. ranking.Select(c => names[c])],
        };
    }
}

/// <summary>
/// The Schulze method (beatpath), single winner: with d[i,j] the weight of ballots preferring i to j, the
/// strength of the strongest path from i to j is the widest path over links of strength d[x,y] where
/// d[x,y] &gt; d[y,x] ("winning votes"); i beats j when p[i,j] &gt; p[j,i]. The winner beats or ties every other
/// candidate; several possible winners are separated by lot. Rule source: M. Schulze, "A new monotonic,
/// clone-independent, reversal symmetric, and Condorcet-consistent single-winner election method", Social
/// Choice and Welfare 36 (2011), section 2. Equal ranks and unranked candidates are allowed.
/// </summary>
public sealed class Schulze : ICountingMethod
{
    /// <inheritdoc/>
    public string Name => "schulze";

    /// <inheritdoc/>
    public CountReport Count(Election election, CountOptions options)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(options);
        MethodSupport.SingleWinner(options, Name);
        MethodSupport.Seats(election, options with { Seats = 1 }, Name);
        var n = election.Candidates.Count;
        var d = Pairwise.Matrix(election);
        var standing = Enumerable.Range(0, n).Where(c => !election.Withdrawn.Contains(c)).ToList();
        var p = new long[n, n];
        foreach (var i in standing)
        {
            foreach (var j in standing)
            {
                if (i != j && d[i, j] > d[j, i])
                {
                    p[i, j] = d[i, j];
                }
            }
        }

        foreach (var k in standing)
        {
            foreach (var i in standing)
            {
                if (i == k)
                {
                    continue;
                }

                foreach (var j in standing)
                {
                    if (j != i && j != k)
                    {
                        p[i, j] = Math.Max(p[i, j], Math.Min(p[i, k], p[k, j]));
                    }
                }
            }
        }

        var ties = new TieBreaker(options.Seed, election.Candidates);
        var ranking = new List<int>();
        var pool = standing.ToList();
        while (pool.Count > 0)
        {
            // The candidates of the pool that no other pool member beats; the relation is transitive, so there is one at least.
            var unbeaten = pool.Where(i => pool.All(j => j == i || p[i, j] >= p[j, i])).ToList();
            var pick = unbeaten.Count == 1 ? unbeaten[0] : ties.Draw(unbeaten, 1, ranking.Count == 0 ? "winner" : "ranking");
            ranking.Add(pick);
            pool.Remove(pick);
        }

        return Pairwise.Report(Name, election, options, d, ranking, ties);
    }
}

/// <summary>
/// Ranked pairs by margins, single winner: every pair (i, j) with a positive margin d[i,j] − d[j,i] is taken
/// in order of decreasing margin and locked in unless it would close a cycle with pairs already locked; the
/// winner is the candidate no locked pair points at. Equal margins are ordered by a tie-breaking ranking of the
/// candidates drawn by lot (recorded), as Tideman and Zavist specify. Rule source: T. N. Tideman,
/// "Independence of clones as a criterion for voting rules", Social Choice and Welfare 4 (1987), and
/// Zavist and Tideman, "Complete independence of clones in the ranked pairs rule", SCW 6 (1989).
/// </summary>
public sealed class RankedPairs : ICountingMethod
{
    /// <inheritdoc/>
    public string Name => "ranked-pairs";

    /// <inheritdoc/>
    public CountReport Count(Election election, CountOptions options)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(options);
        MethodSupport.SingleWinner(options, Name);
        MethodSupport.Seats(election, options with { Seats = 1 }, Name);
        var n = election.Candidates.Count;
        var d = Pairwise.Matrix(election);
        var standing = Enumerable.Range(0, n).Where(c => !election.Withdrawn.Contains(c)).ToList();
        var pairs = new List<(int Winner, int Loser, long Margin)>();
        foreach (var i in standing)
        {
            foreach (var j in standing)
            {
                var margin = checked(d[i, j] - d[j, i]);
                if (margin > 0)
                {
                    pairs.Add((i, j, margin));
                }
            }
        }

        var ties = new TieBreaker(options.Seed, election.Candidates);
        var needsLot = pairs.GroupBy(pr => pr.Margin).Any(g => g.Count() > 1) || HasLevelPair(standing, d);
        var tieRank = new int[n];
        if (needsLot)
        {
            var order = ties.Shuffle(standing, 1, "tie-breaking ranking");
            for (var k = 0; k < order.Count; k++)
            {
                tieRank[order[k]] = k;
            }
        }
        else
        {
            foreach (var c in standing)
            {
                tieRank[c] = c;
            }
        }

        var sorted = pairs.OrderByDescending(pr => pr.Margin).ThenBy(pr => tieRank[pr.Winner]).ThenByDescending(pr => tieRank[pr.Loser]).ToList();
        var locked = new bool[n, n];
        foreach (var (winner, loser, _) in sorted)
        {
            if (!Reaches(locked, loser, winner, n))
            {
                locked[winner, loser] = true;
            }
        }

        var ranking = new List<int>();
        var pool = standing.ToList();
        while (pool.Count > 0)
        {
            var sources = pool.Where(j => !pool.Any(i => locked[i, j])).OrderBy(c => tieRank[c]).ToList();
            ranking.Add(sources[0]);
            pool.Remove(sources[0]);
        }

        return Pairwise.Report(Name, election, options, d, ranking, ties);
    }

    private static bool HasLevelPair(List<int> standing, long[,] d) =>
        standing.Any(i => standing.Any(j => i < j && d[i, j] == d[j, i]));

    private static bool Reaches(bool[,] locked, int from, int to, int n)
    {
        var seen = new bool[n];
        var stack = new Stack<int>();
        stack.Push(from);
        while (stack.Count > 0)
        {
            var x = stack.Pop();
            if (x == to)
            {
                return true;
            }

            if (seen[x])
            {
                continue;
            }

            seen[x] = true;
            for (var y = 0; y < n; y++)
            {
                if (locked[x, y] && !seen[y])
                {
                    stack.Push(y);
                }
            }
        }

        return false;
    }
}
