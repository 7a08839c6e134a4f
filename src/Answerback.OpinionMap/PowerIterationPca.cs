namespace Answerback.OpinionMap;

/// <summary>
/// The first two principal components of the mean-imputed vote matrix, by block power iteration
/// on XᵀX (X = votes centred on statement means, missing = 0). Each step is two sparse passes over
/// the votes. The rows are split into a fixed number of chunks summed in a fixed order, so the
/// result is identical whatever the number of cores.
/// </summary>
internal static class PowerIterationPca
{
    private const int Chunks = 8;

    public static (double[] First, double[] Second, int Iterations) Fit(
        ActiveMatrix x, bool[] useRow, double[]? start1, double[]? start2, Random random, int maxIterations, double tolerance)
    {
        var m = x.Columns;
        var w1 = start1 ?? RandomVector(m, random);
        var w2 = start2 ?? RandomVector(m, random);
        if (m == 0)
        {
            return (w1, w2, 0);
        }

        Orthonormalise(w1, w2, random);
        var chunkBounds = ChunkBounds(x.Rows);
        var partial1 = new double[Chunks][];
        var partial2 = new double[Chunks][];
        for (var i = 0; i < Chunks; i++)
        {
            partial1[i] = new double[m];
            partial2[i] = new double[m];
        }

        var iterations = 0;
        while (iterations < maxIterations)
        {
            iterations++;
            Parallel.For(0, Chunks, chunk =>
            {
                var z1 = partial1[chunk];
                var z2 = partial2[chunk];
                Array.Clear(z1);
                Array.Clear(z2);
                var rowStart = x.RowStart;
                var cols = x.ColumnIndex;
                var vals = x.Centred;
                for (var p = chunkBounds[chunk]; p < chunkBounds[chunk + 1]; p++)
                {
                    if (!useRow[p])
                    {
                        continue;
                    }

                    double y1 = 0, y2 = 0;
                    var end = rowStart[p + 1];
                    for (var e = rowStart[p]; e < end; e++)
                    {
                        var v = vals[e];
                        var c = cols[e];
                        y1 += v * w1[c];
                        y2 += v * w2[c];
                    }

                    for (var e = rowStart[p]; e < end; e++)
                    {
                        var v = vals[e];
                        var c = cols[e];
                        z1[c] += v * y1;
                        z2[c] += v * y2;
                    }
                }
            });

            var n1 = new double[m];
            var n2 = new double[m];
            for (var chunk = 0; chunk < Chunks; chunk++)
            {
                var z1 = partial1[chunk];
                var z2 = partial2[chunk];
                for (var c = 0; c < m; c++)
                {
                    n1[c] += z1[c];
                    n2[c] += z2[c];
                }
            }

            if (!Orthonormalise(n1, n2, random))
            {
                // The matrix has rank below two (for example everybody voted alike): keep what we have.
                (w1, w2) = (n1, n2);
                break;
            }

            var change = Math.Max(1 - Math.Abs(Dot(n1, w1)), 1 - Math.Abs(Dot(n2, w2)));
            w1 = n1;
            w2 = n2;
            if (change < tolerance)
            {
                break;
            }
        }

        return (w1, w2, iterations);
    }

    /// <summary>Gives each component the sign that makes its largest loading positive (or, with a reference, agree with it).</summary>
    public static void FixSign(double[] w, double[]? reference)
    {
        double score;
        if (reference is not null)
        {
            score = Dot(w, reference);
        }
        else
        {
            score = 0;
            var best = -1.0;
            foreach (var v in w)
            {
                if (Math.Abs(v) > best + 1e-12)
                {
                    best = Math.Abs(v);
                    score = v;
                }
            }
        }

        if (score < 0)
        {
            for (var i = 0; i < w.Length; i++)
            {
                w[i] = -w[i];
            }
        }
    }

    private static int[] ChunkBounds(int rows)
    {
        var bounds = new int[Chunks + 1];
        for (var i = 0; i <= Chunks; i++)
        {
            bounds[i] = (int)((long)rows * i / Chunks);
        }

        return bounds;
    }

    private static double[] RandomVector(int m, Random random)
    {
        var w = new double[m];
        for (var i = 0; i < m; i++)
        {
            w[i] = random.NextDouble() - 0.5;
        }

        return w;
    }

    /// <summary>Gram–Schmidt; false when the first vector vanishes.</summary>
    private static bool Orthonormalise(double[] a, double[] b, Random random)
    {
        var na = Math.Sqrt(Dot(a, a));
        if (na < 1e-300)
        {
            return false;
        }

        Scale(a, 1 / na);
        var proj = Dot(a, b);
        for (var i = 0; i < b.Length; i++)
        {
            b[i] -= proj * a[i];
        }

        var nb = Math.Sqrt(Dot(b, b));
        if (nb < 1e-12 * na)
        {
            // Rank one: any unit vector orthogonal to the first will do.
            for (var i = 0; i < b.Length; i++)
            {
                b[i] = random.NextDouble() - 0.5;
            }

            proj = Dot(a, b);
            for (var i = 0; i < b.Length; i++)
            {
                b[i] -= proj * a[i];
            }

            nb = Math.Sqrt(Dot(b, b));
            if (nb < 1e-300)
            {
                return false;
            }
        }

        Scale(b, 1 / nb);
        return true;
    }

    internal static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (var i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }

    private static void Scale(double[] a, double f)
    {
        for (var i = 0; i < a.Length; i++)
        {
            a[i] *= f;
        }
    }
}
