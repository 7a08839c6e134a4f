namespace Answerback.OpinionMap;

/// <summary>Weighted k-means (Lloyd) on points of the plane, stored as interleaved x, y pairs.</summary>
internal static class WeightedKMeans
{
    /// <summary>
    /// Clusters <paramref name="points"/> into at most <paramref name="k"/> clusters by Lloyd's
    /// algorithm, starting from <paramref name="initial"/> centres (completed, when fewer than k are
    /// given, by the first points in order that differ from every centre so far, as Pol.is seeds).
    /// Empty clusters are dropped. Returns the centres and each point's cluster.
    /// </summary>
    public static (double[] Centers, int[] Assignment) Run(
        double[] points, double[] weights, int k, double[]? initial, int maxIterations)
    {
        var n = weights.Length;
        k = Math.Min(k, n);
        var centers = FirstDistinct(points, k, initial);
        k = centers.Length / 2;
        var assignment = new int[n];
        Array.Fill(assignment, -1);
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            var changed = 0;
            var cs = centers;
            var kk = k;
            if (n > 4096)
            {
                var changes = new int[8];
                Parallel.For(0, 8, chunk =>
                {
                    var from = (int)((long)n * chunk / 8);
                    var to = (int)((long)n * (chunk + 1) / 8);
                    for (var i = from; i < to; i++)
                    {
                        var best = Nearest(points[2 * i], points[(2 * i) + 1], cs, kk);
                        if (best != assignment[i])
                        {
                            assignment[i] = best;
                            changes[chunk]++;
                        }
                    }
                });
                changed = changes.Sum();
            }
            else
            {
                for (var i = 0; i < n; i++)
                {
                    var best = Nearest(points[2 * i], points[(2 * i) + 1], cs, kk);
                    if (best != assignment[i])
                    {
                        assignment[i] = best;
                        changed++;
                    }
                }
            }

            if (changed == 0)
            {
                break;
            }

            var sums = new double[2 * k];
            var mass = new double[k];
            for (var i = 0; i < n; i++)
            {
                var c = assignment[i];
                sums[2 * c] += weights[i] * points[2 * i];
                sums[(2 * c) + 1] += weights[i] * points[(2 * i) + 1];
                mass[c] += weights[i];
            }

            for (var c = 0; c < k; c++)
            {
                if (mass[c] > 0)
                {
                    centers[2 * c] = sums[2 * c] / mass[c];
                    centers[(2 * c) + 1] = sums[(2 * c) + 1] / mass[c];
                }
            }
        }

        return Compact(points, centers, assignment, weights, k);
    }

    /// <summary>Sum over points of weight × squared distance to their centre.</summary>
    public static double Inertia(double[] points, double[] weights, double[] centers, int[] assignment)
    {
        double total = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            var c = assignment[i];
            var dx = points[2 * i] - centers[2 * c];
            var dy = points[(2 * i) + 1] - centers[(2 * c) + 1];
            total += weights[i] * ((dx * dx) + (dy * dy));
        }

        return total;
    }

    internal static int Nearest(double x, double y, double[] centers, int k)
    {
        var best = 0;
        var bestDistance = double.PositiveInfinity;
        for (var c = 0; c < k; c++)
        {
            var dx = x - centers[2 * c];
            var dy = y - centers[(2 * c) + 1];
            var d = (dx * dx) + (dy * dy);
            if (d < bestDistance)
            {
                bestDistance = d;
                best = c;
            }
        }

        return best;
    }

    /// <summary>
    /// The given centres (at most k of them), then the first points in order that differ from every
    /// centre chosen so far, until there are k: deterministic, so the result depends on the data
    /// and its order only. Fewer than k when there are fewer distinct points.
    /// </summary>
    internal static double[] FirstDistinct(double[] points, int k, double[]? initial)
    {
        var centers = new List<double>(2 * k);
        for (var i = 0; initial is not null && i + 1 < initial.Length && centers.Count < 2 * k; i += 2)
        {
            centers.Add(initial[i]);
            centers.Add(initial[i + 1]);
        }

        for (var i = 0; 2 * i < points.Length && centers.Count < 2 * k; i++)
        {
            if (!Contains(centers, points[2 * i], points[(2 * i) + 1]))
            {
                centers.Add(points[2 * i]);
                centers.Add(points[(2 * i) + 1]);
            }
        }

        return [.. centers];
    }

    /// <summary>
    /// k distinct points drawn at random, each with probability proportional to its weight (for
    /// base clusters: pick a random participant, take its base cluster's centre). Fewer than k when
    /// there are fewer distinct points with weight.
    /// </summary>
    internal static double[] SampleDistinct(double[] points, double[] weights, int k, Random random)
    {
        var n = weights.Length;
        var chosen = new bool[n];
        var centers = new List<double>(2 * k);
        var remaining = 0.0;
        for (var i = 0; i < n; i++)
        {
            remaining += weights[i];
        }

        while (centers.Count < 2 * k && remaining > 0)
        {
            var target = random.NextDouble() * remaining;
            var pick = -1;
            double running = 0;
            for (var i = 0; i < n; i++)
            {
                if (chosen[i] || weights[i] <= 0)
                {
                    continue;
                }

                pick = i;
                running += weights[i];
                if (running > target)
                {
                    break;
                }
            }

            if (pick < 0)
            {
                break;
            }

            chosen[pick] = true;
            remaining -= weights[pick];
            if (!Contains(centers, points[2 * pick], points[(2 * pick) + 1]))
            {
                centers.Add(points[2 * pick]);
                centers.Add(points[(2 * pick) + 1]);
            }
        }

        return [.. centers];
    }

    private static bool Contains(List<double> centers, double x, double y)
    {
        for (var c = 0; c < centers.Count; c += 2)
        {
            if (centers[c] == x && centers[c + 1] == y)
            {
                return true;
            }
        }

        return false;
    }

    private static (double[] Centers, int[] Assignment) Compact(double[] points, double[] centers, int[] assignment, double[] weights, int k)
    {
        var used = new bool[k];
        for (var i = 0; i < assignment.Length; i++)
        {
            if (assignment[i] >= 0 && weights[i] > 0)
            {
                used[assignment[i]] = true;
            }
        }

        var map = new int[k];
        var kept = new List<double>();
        for (var c = 0; c < k; c++)
        {
            map[c] = used[c] ? kept.Count / 2 : -1;
            if (used[c])
            {
                kept.Add(centers[2 * c]);
                kept.Add(centers[(2 * c) + 1]);
            }
        }

        double[] compact = [.. kept];
        for (var i = 0; i < assignment.Length; i++)
        {
            assignment[i] = assignment[i] >= 0 && map[assignment[i]] >= 0
                ? map[assignment[i]]
                : Nearest(points[2 * i], points[(2 * i) + 1], compact, compact.Length / 2);
        }

        return (compact, assignment);
    }
}
