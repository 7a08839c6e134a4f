namespace Answerback.OpinionMap;

/// <summary>Weighted k-means (Lloyd) on points of the plane, stored as interleaved x, y pairs.</summary>
internal static class WeightedKMeans
{
    /// <summary>
    /// Clusters <paramref name="points"/> into at most <paramref name="k"/> clusters, starting from
    /// <paramref name="initial"/> centres (completed by k-means++ when fewer than k are given).
    /// Empty clusters are dropped. Returns the centres and each point's cluster.
    /// </summary>
    public static (double[] Centers, int[] Assignment) Run(
        double[] points, double[] weights, int k, double[]? initial, Random random, int maxIterations)
    {
        var n = weights.Length;
        k = Math.Min(k, n);
        var centers = Seed(points, weights, k, initial, random);
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

    private static double[] Seed(double[] points, double[] weights, int k, double[]? initial, Random random)
    {
        var n = weights.Length;
        var centers = new List<double>(2 * k);
        if (initial is not null)
        {
            for (var i = 0; i + 1 < initial.Length && centers.Count < 2 * k; i += 2)
            {
                centers.Add(initial[i]);
                centers.Add(initial[i + 1]);
            }
        }

        if (centers.Count >= 2 * k || n == 0)
        {
            return [.. centers];
        }

        // k-means++: each new centre drawn with probability proportional to weight × squared distance.
        var distance = new double[n];
        Array.Fill(distance, double.PositiveInfinity);
        for (var c = 0; c < centers.Count; c += 2)
        {
            Update(distance, points, centers[c], centers[c + 1]);
        }

        if (centers.Count == 0)
        {
            var first = Draw(weights, null, random);
            centers.Add(points[2 * first]);
            centers.Add(points[(2 * first) + 1]);
            Update(distance, points, centers[0], centers[1]);
        }

        while (centers.Count < 2 * k)
        {
            var next = Draw(weights, distance, random);
            if (next < 0)
            {
                break; // every point coincides with a centre: fewer distinct points than k
            }

            centers.Add(points[2 * next]);
            centers.Add(points[(2 * next) + 1]);
            Update(distance, points, points[2 * next], points[(2 * next) + 1]);
        }

        return [.. centers];
    }

    private static void Update(double[] distance, double[] points, double cx, double cy)
    {
        for (var i = 0; i < distance.Length; i++)
        {
            var dx = points[2 * i] - cx;
            var dy = points[(2 * i) + 1] - cy;
            var d = (dx * dx) + (dy * dy);
            if (d < distance[i])
            {
                distance[i] = d;
            }
        }
    }

    private static int Draw(double[] weights, double[]? distance, Random random)
    {
        double total = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            total += weights[i] * (distance?[i] ?? 1);
        }

        if (!(total > 0))
        {
            return -1;
        }

        var target = random.NextDouble() * total;
        double running = 0;
        var last = -1;
        for (var i = 0; i < weights.Length; i++)
        {
            var mass = weights[i] * (distance?[i] ?? 1);
            if (mass <= 0)
            {
                continue;
            }

            last = i;
            running += mass;
            if (running >= target)
            {
                return i;
            }
        }

        return last;
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
