namespace Answerback.OpinionMap;

/// <summary>
/// Computes an <see cref="OpinionMap"/> from a <see cref="VoteMatrix"/> by the Pol.is method
/// (reimplemented from its published description, not its code): mean-imputed PCA to two
/// components by power iteration, projections scaled by sqrt(statements / votes), k-means into
/// base clusters, weighted k-means of the base clusters into 2–5 groups chosen by silhouette,
/// then representative, consensus and group-informed-consensus statements, the routing priority
/// and a Community-Notes-style bridging score.
/// </summary>
public static class OpinionMapper
{
    /// <summary>Seed of the fixed sequence of random group k-means starts (see MostStableGrouping).</summary>
    private const int GroupStartSequence = 0;

    /// <summary>A full, one-shot analysis.</summary>
    public static OpinionMap Analyze(VoteMatrix matrix, OpinionMapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return Run(matrix, options ?? new OpinionMapOptions(), null);
    }

    /// <summary>
    /// An incremental analysis after votes (or statements, or moderation) changed: the PCA, the base
    /// clusters and the groups start from <paramref name="previous"/>, and each new group takes the
    /// id of the previous group it shares most participants with, so groups do not swap labels.
    /// </summary>
    public static OpinionMap Update(OpinionMap previous, VoteMatrix matrix, OpinionMapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(matrix);
        return Run(matrix, options ?? new OpinionMapOptions(), previous.State);
    }

    private static OpinionMap Run(VoteMatrix matrix, OpinionMapOptions options, WarmStart? warm)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var phases = new Dictionary<string, double>(StringComparer.Ordinal);
        void Lap(string phase)
        {
            phases[phase] = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
        }

        var x = new ActiveMatrix(matrix);
        Lap("matrix");
        var random = new Random(options.Seed);
        var n = x.Rows;
        var m = x.Columns;
        // In the conversation: enough votes, counting votes on statements since moderated out too
        // (Pol.is counts them: the participant took part, even if the statement was removed later);
        // once in, always in: a participant grouped before stays in with any vote.
        var threshold = Math.Max(1, Math.Min(options.MinVotesToCluster, matrix.StatementCount));
        IReadOnlyDictionary<string, int> previousGroups = warm is not null ? warm.ParticipantGroups : options.PreviousGroups;
        var inConversation = new bool[n];
        var hasVotes = new bool[n];
        for (var p = 0; p < n; p++)
        {
            hasVotes[p] = x.VotesPerRow[p] > 0;
            var id = matrix.ParticipantIds[p];
            var wasIn = options.AlwaysInConversation.Contains(id) || previousGroups.ContainsKey(id);
            inConversation[p] = m > 0 && (matrix.RowStart[p + 1] - matrix.RowStart[p] >= threshold || (wasIn && hasVotes[p]));
        }

        // 1. PCA, warm-started from the previous components when there are some.
        double[]? start1 = null, start2 = null;
        if (warm is not null)
        {
            (start1, start2) = MapComponents(warm, x.StatementIds, random);
        }

        var (w1, w2, pcaIterations) = PowerIterationPca.Fit(
            x, options.PcaOnAllParticipants ? hasVotes : inConversation, start1, start2, random, options.MaxPcaIterations, options.PcaTolerance);
        PowerIterationPca.FixSign(w1, start1);
        PowerIterationPca.FixSign(w2, start2);
        Lap("pca");

        // 2. Sparsity-aware projection: only the votes cast count, scaled by sqrt(m / votes).
        var projection = Project(x, w1, w2, options.ScaleLikePolis ? matrix.StatementCount - x.Columns : 0);

        // 3. Base clusters of the participants in the conversation, in the order they joined.
        var clustered = JoinOrder(matrix, inConversation);

        var points = new double[2 * clustered.Count];
        for (var i = 0; i < clustered.Count; i++)
        {
            points[2 * i] = projection[2 * clustered[i]];
            points[(2 * i) + 1] = projection[(2 * clustered[i]) + 1];
        }

        var ones = new double[clustered.Count];
        Array.Fill(ones, 1.0);
        var baseCenters = Array.Empty<double>();
        var baseAssignment = Array.Empty<int>();
        if (clustered.Count > 0)
        {
            (baseCenters, baseAssignment) = WeightedKMeans.Run(
                points, ones, options.BaseClusters, warm?.BaseCenters, warm is null ? options.MaxKMeansIterations : options.MaxKMeansIterationsOnUpdate);
        }

        Lap("baseClusters");
        var baseCount = baseCenters.Length / 2;
        var baseWeights = new double[baseCount];
        foreach (var b in baseAssignment)
        {
            baseWeights[b]++;
        }

        // 4. Groups: weighted k-means of the base clusters, k chosen by silhouette.
        var (groupOfBase, silhouette) = ChooseGroups(baseCenters, baseWeights, options, warm);
        var groupCount = groupOfBase.Length == 0 ? 0 : groupOfBase.Max() + 1;
        Lap("groups");
        var groupOfRow = new int[n];
        Array.Fill(groupOfRow, -1);
        for (var i = 0; i < clustered.Count; i++)
        {
            groupOfRow[clustered[i]] = groupOfBase[baseAssignment[i]];
        }

        // 5. Stable ids.
        var ids = AssignIds(groupOfRow, groupCount, projection, matrix.ParticipantIds, previousGroups);
        var groupSlots = Enumerable.Range(0, groupCount).OrderBy(g => ids[g]).ToArray();

        // 6. Statement statistics.
        var stats = GroupCounts(x, groupOfRow, groupCount);
        var representative = RepresentativeStatements.Select(x, stats, groupCount, matrix, options);
        var consensus = RepresentativeStatements.Consensus(x, matrix, options);
        Lap("statements");
        var bridgingState = options.ComputeBridging
            ? BridgingModel.Fit(x, projection, options, matrix.ParticipantIds, warm?.Bridging)
            : null;
        var bridging = bridgingState?.StatementIntercepts;
        Lap("bridging");

        var sizes = new int[groupCount];
        var centres = new double[2 * groupCount];
        for (var p = 0; p < n; p++)
        {
            var g = groupOfRow[p];
            if (g >= 0)
            {
                sizes[g]++;
                centres[2 * g] += projection[2 * p];
                centres[(2 * g) + 1] += projection[(2 * p) + 1];
            }
        }

        var groups = new List<OpinionGroup>();
        var groupCentresById = new double[2 * groupCount];
        var groupIds = new int[groupCount];
        for (var slot = 0; slot < groupCount; slot++)
        {
            var g = groupSlots[slot];
            var cx = sizes[g] == 0 ? 0 : centres[2 * g] / sizes[g];
            var cy = sizes[g] == 0 ? 0 : centres[(2 * g) + 1] / sizes[g];
            groups.Add(new OpinionGroup(ids[g], sizes[g], cx, cy, representative[g]));
            groupCentresById[2 * slot] = cx;
            groupCentresById[(2 * slot) + 1] = cy;
            groupIds[slot] = ids[g];
        }

        var participants = new ParticipantPlacement[n];
        var participantGroups = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var p = 0; p < n; p++)
        {
            int? group = groupOfRow[p] >= 0 ? ids[groupOfRow[p]] : null;
            participants[p] = new ParticipantPlacement(matrix.ParticipantIds[p], group, projection[2 * p], projection[(2 * p) + 1], x.VotesPerRow[p]);
            if (group is int known)
            {
                participantGroups[matrix.ParticipantIds[p]] = known;
            }
        }

        var statements = new StatementResult[m];
        var sqrtM = Math.Sqrt(m);
        for (var c = 0; c < m; c++)
        {
            double gic = 1;
            for (var g = 0; g < groupCount; g++)
            {
                gic *= (stats.Agree[(g * m) + c] + 1.0) / (stats.Seen[(g * m) + c] + 2.0);
            }

            var extremity = sqrtM * Math.Sqrt((w1[c] * w1[c]) + (w2[c] * w2[c]));
            var info = matrix.Statements[x.SourceColumns[c]];
            var priority = Priority(x.Agree[c], x.Disagree[c], x.Pass[c], extremity, info.IsMeta);
            statements[c] = new StatementResult(x.StatementIds[c], x.Agree[c], x.Disagree[c], x.Pass[c], gic, bridging?[c], priority, extremity);
        }

        var state = new WarmStart(x.StatementIds, w1, w2, baseCenters, groupCentresById, groupIds, participantGroups, bridgingState);
        Lap("report");
        return new OpinionMap(participants, groups, consensus, statements, silhouette, state)
        {
            PhaseMilliseconds = phases,
            PcaIterations = pcaIterations,
            BridgingSweeps = bridgingState?.Sweeps ?? 0,
        };
    }

    /// <summary>
    /// Pol.is's routing priority of a statement: statements that are rarely passed, agreed with,
    /// extreme on the map and little seen are shown first; meta statements get a fixed high value.
    /// importance = (1 − p_pass) × (extremity + 1) × p_agree, priority = (importance × (1 + 8 × 2^(−seen/5)))².
    /// </summary>
    public static double Priority(int agree, int disagree, int pass, double extremity, bool isMeta)
    {
        if (isMeta)
        {
            return 49;
        }

        var seen = (double)agree + disagree + pass;
        var pPass = (pass + 1) / (seen + 2);
        var pAgree = (agree + 1) / (seen + 2);
        var importance = (1 - pPass) * (extremity + 1) * pAgree;
        var novelty = 1 + (8 * Math.Pow(2, -seen / 5));
        var root = importance * novelty;
        return root * root;
    }

    private static (double[], double[]) MapComponents(WarmStart warm, string[] statementIds, Random random)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < warm.StatementIds.Length; i++)
        {
            index[warm.StatementIds[i]] = i;
        }

        var s1 = new double[statementIds.Length];
        var s2 = new double[statementIds.Length];
        for (var c = 0; c < statementIds.Length; c++)
        {
            if (index.TryGetValue(statementIds[c], out var i))
            {
                s1[c] = warm.Component1[i];
                s2[c] = warm.Component2[i];
            }
            else
            {
                // A new statement: a small random loading, so the start is not degenerate.
                s1[c] = (random.NextDouble() - 0.5) * 1e-3;
                s2[c] = (random.NextDouble() - 0.5) * 1e-3;
            }
        }

        return (s1, s2);
    }

    private static double[] Project(ActiveMatrix x, double[] w1, double[] w2, int moderatedOut)
    {
        var n = x.Rows;
        var m = x.Columns;
        var projection = new double[2 * n];
        Parallel.For(0, 8, chunk =>
        {
            var from = (int)((long)n * chunk / 8);
            var to = (int)((long)n * (chunk + 1) / 8);
            for (var p = from; p < to; p++)
            {
                var votes = x.VotesPerRow[p];
                if (votes == 0)
                {
                    continue;
                }

                double a = 0, b = 0;
                for (var e = x.RowStart[p]; e < x.RowStart[p + 1]; e++)
                {
                    var v = x.Centred[e];
                    a += v * w1[x.ColumnIndex[e]];
                    b += v * w2[x.ColumnIndex[e]];
                }

                var scale = Math.Sqrt((double)(m + moderatedOut) / (votes + moderatedOut));
                projection[2 * p] = a * scale;
                projection[(2 * p) + 1] = b * scale;
            }
        });
        return projection;
    }


    private static (int[] GroupOfBase, double Silhouette) ChooseGroups(
        double[] baseCenters, double[] baseWeights, OpinionMapOptions options, WarmStart? warm)
    {
        var count = baseWeights.Length;
        if (count == 0)
        {
            return ([], 0);
        }

        if (count == 1)
        {
            return ([0], 0);
        }

        int[]? best = null;
        var bestSilhouette = double.NegativeInfinity;
        var maxK = Math.Min(options.MaxGroups, count);
        for (var k = Math.Min(options.MinGroups, maxK); k <= maxK; k++)
        {
            var kBest = MostStableGrouping(baseCenters, baseWeights, k, options, warm);
            if (kBest is null)
            {
                continue;
            }

            var silhouette = Silhouette(baseCenters, kBest);
            // More groups must earn their place: a larger k wins only by a clear margin.
            if (best is null || silhouette > bestSilhouette + options.GroupCountMargin)
            {
                bestSilhouette = silhouette;
                best = kBest;
            }
        }

        // No grouping with large enough groups: everybody in one group.
        return best is null ? (new int[count], 0) : (best, bestSilhouette);
    }

    /// <summary>
    /// The grouping of the base clusters into k groups that the most k-means starts reach, among
    /// those whose within-group spread is within <see cref="OpinionMapOptions.NearEqualSpread"/> of
    /// the lowest found (ties: the lower spread, then the earlier found). The first start is the
    /// first k distinct base clusters (Pol.is's seeding), then the previous map's group centres on
    /// an update, then k distinct base clusters of random participants. On a map with a dense core
    /// and a sparse wing, several local optima lie within a fraction of a percent of each other;
    /// the lowest of them depends on which starts happened to be drawn, the most frequent one much
    /// less. The random starts come from a fixed sequence (<see cref="GroupStartSequence"/>), not
    /// from the options' seed: two solutions can be reached by nearly equally many starts (on one
    /// real conversation 17 and 17 of 100, and still a coin toss with 1,000 seeded starts), and a
    /// fixed sequence makes that choice a function of the data. Null when no start gives k groups
    /// that are each large enough.
    /// </summary>
    private static int[]? MostStableGrouping(
        double[] baseCenters, double[] baseWeights, int k, OpinionMapOptions options, WarmStart? warm)
    {
        var solutions = new List<(int[] Assignment, double Inertia, int Reached)>();
        var warmStart = warm is not null && warm.GroupIds.Length == k ? warm.GroupCenters : null;
        var starts = new Random(GroupStartSequence);
        var count = Math.Max(1, options.GroupRestarts) + (warmStart is null ? 0 : 1);
        for (var s = 0; s < count; s++)
        {
            var initial = s == 0 ? WeightedKMeans.FirstDistinct(baseCenters, k, null)
                : s == 1 && warmStart is not null ? warmStart
                : WeightedKMeans.SampleDistinct(baseCenters, baseWeights, k, starts);
            var (centres, assignment) = WeightedKMeans.Run(baseCenters, baseWeights, k, initial, 100);
            if (!LargeEnough(assignment, baseWeights, centres.Length / 2, k, options.MinGroupFraction))
            {
                continue;
            }

            var inertia = WeightedKMeans.Inertia(baseCenters, baseWeights, centres, assignment);
            Relabel(assignment);
            var known = solutions.FindIndex(x => x.Assignment.AsSpan().SequenceEqual(assignment));
            if (known >= 0)
            {
                solutions[known] = solutions[known] with { Reached = solutions[known].Reached + 1 };
            }
            else
            {
                solutions.Add((assignment, inertia, 1));
            }
        }

        if (solutions.Count == 0)
        {
            return null;
        }

        var lowest = solutions.Min(x => x.Inertia);
        var limit = lowest + (options.NearEqualSpread * Math.Abs(lowest)) + (1e-12 * Math.Abs(lowest));
        // Stable sort: among equals the one found first wins.
        return solutions
            .Where(x => x.Inertia <= limit)
            .OrderByDescending(x => x.Reached)
            .ThenBy(x => x.Inertia)
            .First().Assignment;
    }

    /// <summary>Renumbers groups in order of first appearance, so equal partitions have equal arrays.</summary>
    private static void Relabel(int[] assignment)
    {
        var map = new Dictionary<int, int>();
        for (var i = 0; i < assignment.Length; i++)
        {
            if (!map.TryGetValue(assignment[i], out var label))
            {
                label = map.Count;
                map.Add(assignment[i], label);
            }

            assignment[i] = label;
        }
    }

    /// <summary>True when the clustering has exactly k groups, each holding at least the given fraction of the weight (and at least two participants).</summary>
    private static bool LargeEnough(int[] assignment, double[] weights, int groups, int k, double fraction)
    {
        if (groups != k)
        {
            return false;
        }

        var mass = new double[k];
        double total = 0;
        for (var i = 0; i < assignment.Length; i++)
        {
            mass[assignment[i]] += weights[i];
            total += weights[i];
        }

        var minimum = Math.Max(2, fraction * total);
        return mass.All(w => w >= minimum);
    }

    /// <summary>
    /// Silhouette of a grouping of the base clusters, each base cluster one point at its centre
    /// whatever its size (as Pol.is computes it): a = mean distance to the other points of one's
    /// group, b = mean distance to the points of the nearest other group, s = (b − a) / max(a, b),
    /// averaged over the points. The size-weighted silhouette used before picked 3 groups where
    /// Pol.is has 2 on one conversation of issue 14 (on brexit-consensus of the shared data it is
    /// the other way round: see docs/opinion-map.md).
    /// </summary>
    internal static double Silhouette(double[] points, int[] assignment)
    {
        var n = assignment.Length;
        var k = assignment.Max() + 1;
        var groupSize = new int[k];
        foreach (var g in assignment)
        {
            groupSize[g]++;
        }

        double total = 0;
        var sums = new double[k];
        for (var i = 0; i < n; i++)
        {
            Array.Clear(sums);
            for (var j = 0; j < n; j++)
            {
                var dx = points[2 * i] - points[2 * j];
                var dy = points[(2 * i) + 1] - points[(2 * j) + 1];
                sums[assignment[j]] += Math.Sqrt((dx * dx) + (dy * dy));
            }

            var own = assignment[i];
            if (groupSize[own] > 1)
            {
                var a = sums[own] / (groupSize[own] - 1);
                var b = double.PositiveInfinity;
                for (var g = 0; g < k; g++)
                {
                    if (g != own && groupSize[g] > 0)
                    {
                        b = Math.Min(b, sums[g] / groupSize[g]);
                    }
                }

                var denominator = Math.Max(a, b);
                total += double.IsInfinity(b) || denominator <= 0 ? 0 : (b - a) / denominator;
            }
        }

        return total / n;
    }

    /// <summary>
    /// The participants in the conversation in the order they joined: by the time of their first
    /// vote (on any statement); ties (an export without times) by participant number when the ids
    /// are numbers (Pol.is numbers participants as they join), then by row. Pol.is seeds its
    /// k-means with the first participants; ordering by joining rather than by row keeps the
    /// seeding independent of how the export happens to be sorted (bg2050's participants-votes.csv
    /// is not in participant order, its votes.csv gives the same order by time as by number).
    /// </summary>
    private static List<int> JoinOrder(VoteMatrix matrix, bool[] inConversation)
    {
        var rows = new List<(long Joined, long Number, int Row)>();
        for (var p = 0; p < inConversation.Length; p++)
        {
            if (!inConversation[p])
            {
                continue;
            }

            var first = long.MaxValue;
            for (var e = matrix.RowStart[p]; e < matrix.RowStart[p + 1]; e++)
            {
                first = Math.Min(first, matrix.Timestamps[e]);
            }

            var number = long.TryParse(matrix.ParticipantIds[p], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : long.MaxValue;
            rows.Add((first, number, p));
        }

        rows.Sort();
        return [.. rows.Select(r => r.Row)];
    }

    private static int[] AssignIds(int[] groupOfRow, int groupCount, double[] projection, IReadOnlyList<string> participantIds, IReadOnlyDictionary<string, int> previous)
    {
        var sizes = new int[groupCount];
        var cx = new double[groupCount];
        for (var p = 0; p < groupOfRow.Length; p++)
        {
            if (groupOfRow[p] >= 0)
            {
                sizes[groupOfRow[p]]++;
                cx[groupOfRow[p]] += projection[2 * p];
            }
        }

        if (previous.Count == 0)
        {
            // One-shot: the largest group is 0, then by size (ties: leftmost centre first).
            var order = Enumerable.Range(0, groupCount)
                .OrderByDescending(g => sizes[g])
                .ThenBy(g => sizes[g] == 0 ? 0 : cx[g] / sizes[g])
                .ToArray();
            var result = new int[groupCount];
            for (var i = 0; i < order.Length; i++)
            {
                result[order[i]] = i;
            }

            return result;
        }

        // Overlap between each new group and each previous id; the labelling maximising the total overlap wins.
        var candidates = previous.Values.Distinct().Order().ToList();
        var fresh = candidates[^1] + 1;
        for (var i = 0; i < groupCount; i++)
        {
            candidates.Add(fresh + i);
        }

        var overlap = new long[groupCount, candidates.Count];
        for (var p = 0; p < groupOfRow.Length; p++)
        {
            if (groupOfRow[p] >= 0 && previous.TryGetValue(participantIds[p], out var old))
            {
                overlap[groupOfRow[p], candidates.IndexOf(old)]++;
            }
        }

        var bestIds = new int[groupCount];
        var current = new int[groupCount];
        var used = new bool[candidates.Count];
        long bestScore = -1;
        var bestTie = long.MaxValue;
        Search(0, 0, 0);
        return bestIds;

        void Search(int g, long score, long tie)
        {
            if (g == groupCount)
            {
                if (score > bestScore || (score == bestScore && tie < bestTie))
                {
                    bestScore = score;
                    bestTie = tie;
                    for (var i = 0; i < groupCount; i++)
                    {
                        bestIds[i] = candidates[current[i]];
                    }
                }

                return;
            }

            for (var c = 0; c < candidates.Count; c++)
            {
                if (used[c])
                {
                    continue;
                }

                used[c] = true;
                current[g] = c;
                Search(g + 1, score + overlap[g, c], tie + candidates[c]);
                used[c] = false;
            }
        }
    }

    private static GroupStatistics GroupCounts(ActiveMatrix x, int[] groupOfRow, int groupCount)
    {
        var m = x.Columns;
        var agree = new int[groupCount * m];
        var disagree = new int[groupCount * m];
        var seen = new int[groupCount * m];
        for (var p = 0; p < x.Rows; p++)
        {
            var g = groupOfRow[p];
            if (g < 0)
            {
                continue;
            }

            var offset = g * m;
            for (var e = x.RowStart[p]; e < x.RowStart[p + 1]; e++)
            {
                var c = offset + x.ColumnIndex[e];
                seen[c]++;
                if (x.Values[e] > 0)
                {
                    agree[c]++;
                }
                else if (x.Values[e] < 0)
                {
                    disagree[c]++;
                }
            }
        }

        return new GroupStatistics(agree, disagree, seen);
    }
}

/// <summary>Votes per group and statement, flattened as [group × statements + statement].</summary>
internal sealed record GroupStatistics(int[] Agree, int[] Disagree, int[] Seen);
