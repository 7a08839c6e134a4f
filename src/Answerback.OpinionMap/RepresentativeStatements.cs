namespace Answerback.OpinionMap;

/// <summary>
/// Representative and consensus statements (Pol.is's definitions, with add-one smoothing):
/// p = (votes in a direction + 1) / (seen + 2); a one-proportion z-test says whether the group's
/// majority is real, a two-proportion z-test compares the group with the rest of the clustered
/// participants; both must pass the significance threshold (90 %, one-sided).
/// </summary>
internal static class RepresentativeStatements
{
    public static IReadOnlyList<RepresentativeStatement>[] Select(
        ActiveMatrix x, GroupStatistics stats, int groupCount, VoteMatrix matrix, OpinionMapOptions options)
    {
        var m = x.Columns;
        var totalAgree = new int[m];
        var totalDisagree = new int[m];
        var totalSeen = new int[m];
        for (var g = 0; g < groupCount; g++)
        {
            for (var c = 0; c < m; c++)
            {
                totalAgree[c] += stats.Agree[(g * m) + c];
                totalDisagree[c] += stats.Disagree[(g * m) + c];
                totalSeen[c] += stats.Seen[(g * m) + c];
            }
        }

        var result = new IReadOnlyList<RepresentativeStatement>[groupCount];
        for (var g = 0; g < groupCount; g++)
        {
            var candidates = new List<RepresentativeStatement>();
            for (var c = 0; c < m; c++)
            {
                if (matrix.Statements[x.SourceColumns[c]].IsMeta)
                {
                    continue;
                }

                var i = (g * m) + c;
                var seen = stats.Seen[i];
                var restSeen = totalSeen[c] - seen;
                var agree = Evaluate(stats.Agree[i], seen, totalAgree[c] - stats.Agree[i], restSeen, "agree", x.StatementIds[c], options);
                var disagree = Evaluate(stats.Disagree[i], seen, totalDisagree[c] - stats.Disagree[i], restSeen, "disagree", x.StatementIds[c], options);
                var better = agree is null ? disagree : disagree is null ? agree : agree.Metric >= disagree.Metric ? agree : disagree;
                if (better is not null)
                {
                    candidates.Add(better);
                }
            }

            result[g] = [.. candidates
                .OrderByDescending(r => r.Metric)
                .ThenBy(r => r.Statement, StringComparer.Ordinal)
                .Take(options.MaxRepresentative)];
        }

        return result;
    }

    public static ConsensusStatements Consensus(ActiveMatrix x, VoteMatrix matrix, OpinionMapOptions options)
    {
        var agree = new List<(string Id, double Metric)>();
        var disagree = new List<(string Id, double Metric)>();
        for (var c = 0; c < x.Columns; c++)
        {
            if (matrix.Statements[x.SourceColumns[c]].IsMeta)
            {
                continue;
            }

            var seen = x.Agree[c] + x.Disagree[c] + x.Pass[c];
            var pa = Smoothed(x.Agree[c], seen);
            var za = OneProportionZ(x.Agree[c], seen);
            if (pa > 0.5 && za > options.SignificanceZ)
            {
                agree.Add((x.StatementIds[c], pa * za));
            }

            var pd = Smoothed(x.Disagree[c], seen);
            var zd = OneProportionZ(x.Disagree[c], seen);
            if (pd > 0.5 && zd > options.SignificanceZ)
            {
                disagree.Add((x.StatementIds[c], pd * zd));
            }
        }

        return new ConsensusStatements(
            [.. agree.OrderByDescending(a => a.Metric).ThenBy(a => a.Id, StringComparer.Ordinal).Take(options.MaxConsensus).Select(a => a.Id)],
            [.. disagree.OrderByDescending(a => a.Metric).ThenBy(a => a.Id, StringComparer.Ordinal).Take(options.MaxConsensus).Select(a => a.Id)]);
    }

    /// <summary>(successes + 1) / (trials + 2).</summary>
    public static double Smoothed(int successes, int trials) => (successes + 1.0) / (trials + 2.0);

    /// <summary>z of the smoothed proportion against one half.</summary>
    public static double OneProportionZ(int successes, int trials)
    {
        var p = Smoothed(successes, trials);
        return (p - 0.5) / Math.Sqrt(0.25 / (trials + 2.0));
    }

    /// <summary>z of the difference between two smoothed proportions (pooled variance).</summary>
    public static double TwoProportionZ(int successes1, int trials1, int successes2, int trials2)
    {
        var n1 = trials1 + 2.0;
        var n2 = trials2 + 2.0;
        var p1 = (successes1 + 1.0) / n1;
        var p2 = (successes2 + 1.0) / n2;
        var pooled = (successes1 + successes2 + 2.0) / (n1 + n2);
        var variance = pooled * (1 - pooled) * ((1 / n1) + (1 / n2));
        return variance <= 0 ? 0 : (p1 - p2) / Math.Sqrt(variance);
    }

    private static RepresentativeStatement? Evaluate(
        int inGroup, int seen, int inRest, int restSeen, string direction, string id, OpinionMapOptions options)
    {
        if (seen == 0)
        {
            return null;
        }

        var p = Smoothed(inGroup, seen);
        var pz = OneProportionZ(inGroup, seen);
        var z = TwoProportionZ(inGroup, seen, inRest, restSeen);
        if (pz <= options.SignificanceZ || z <= options.SignificanceZ)
        {
            return null;
        }

        var ratio = p / Smoothed(inRest, restSeen);
        return new RepresentativeStatement(id, direction, p, z, ratio * z * p * pz);
    }
}
