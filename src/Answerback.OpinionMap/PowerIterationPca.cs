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
        var (w1, w2) = start1 is null || start2 is null ? StartFromIds(x) : ((double[])start1.Clone(), (double[])start2.Clone());
        if (m == 0)
        {
            return (w1, w2, 0);
        }

        if (!Orthonormalise(w1, w2, random))
        {
            w1 = RandomVector(m, random);
            w2 = RandomVector(m, random);
            Orthonormalise(w1, w2, random);
        }

        var chunkBounds = ChunkBounds(x.Rows);
        var partial = new double[Chunks][];
        for (var i = 0; i < Chunks; i++)
        {
            partial[i] = new double[2 * m];
        }

        // Interleaved (w1[c], w2[c]) pairs: one cache line serves both components.
        var w = new double[2 * m];
        var iterations = 0;
        var z1 = new double[m];
        var z2 = new double[m];
        while (true)
        {
            for (var c = 0; c < m; c++)
            {
                w[2 * c] = w1[c];
                w[(2 * c) + 1] = w2[c];
            }

            MultiplyGram(x, useRow, chunkBounds, w, partial);
            Array.Clear(z1);
            Array.Clear(z2);
            for (var chunk = 0; chunk < Chunks; chunk++)
            {
                var z = partial[chunk];
                for (var c = 0; c < m; c++)
                {
                    z1[c] += z[2 * c];
                    z2[c] += z[(2 * c) + 1];
                }
            }

            iterations++;

            // Rayleigh–Ritz: the 2 × 2 matrix H = Wᵀ XᵀX W; rotating W onto H's eigenvectors makes
            // each column an eigenvector estimate even when the two top eigenvalues are close (where
            // plain deflated power iteration crawls).
            var h11 = Dot(w1, z1);
            var h12 = Dot(w1, z2);
            var h22 = Dot(w2, z2);
            var (c1, s1) = TopEigenvector(h11, h12, h22);
            var n1 = new double[m];
            var n2 = new double[m];
            for (var c = 0; c < m; c++)
            {
                n1[c] = (c1 * z1[c]) + (s1 * z2[c]);
                n2[c] = (-s1 * z1[c]) + (c1 * z2[c]);
            }

            if (!Orthonormalise(n1, n2, random))
            {
                break; // every centred vote is zero: nothing to find
            }

            // Change of the spanned plane: 2 − ‖W_oldᵀ W_new‖², zero when the plane is unchanged.
            var a = Dot(w1, n1);
            var b = Dot(w1, n2);
            var c2 = Dot(w2, n1);
            var d = Dot(w2, n2);
            var change = 2 - ((a * a) + (b * b) + (c2 * c2) + (d * d));
            var wobble = Math.Max(1 - Math.Abs(Dot(n1, w1)), 1 - Math.Abs(Dot(n2, w2)));
            w1 = n1;
            w2 = n2;
            if ((change < tolerance && wobble < Math.Sqrt(tolerance)) || iterations >= maxIterations)
            {
                break;
            }
        }

        return (w1, w2, iterations);
    }

    /// <summary>partial[chunk] = Σ over the chunk's rows of xᵀ (x · W), W interleaved (2 columns).</summary>
    private static void MultiplyGram(ActiveMatrix x, bool[] useRow, int[] chunkBounds, double[] w, double[][] partial)
    {
        Parallel.For(0, Chunks, chunk =>
        {
            var z = partial[chunk];
            Array.Clear(z);
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
                    var c = 2 * cols[e];
                    y1 += v * w[c];
                    y2 += v * w[c + 1];
                }

                for (var e = rowStart[p]; e < end; e++)
                {
                    var v = vals[e];
                    var c = 2 * cols[e];
                    z[c] += v * y1;
                    z[c + 1] += v * y2;
                }
            }
        });
    }

    /// <summary>Cosine and sine of the rotation onto the top eigenvector of [[a, b], [b, d]].</summary>
    private static (double Cos, double Sin) TopEigenvector(double a, double b, double d)
    {
        if (Math.Abs(b) < 1e-300)
        {
            return a >= d ? (1, 0) : (0, 1);
        }

        var theta = 0.5 * Math.Atan2(2 * b, a - d);
        return (Math.Cos(theta), Math.Sin(theta));
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

    /// <summary>
    /// The start of a one-shot fit: for each statement two pseudo-random loadings computed from
    /// its id (a fixed hash), not drawn from the seed. When the second component is not separated
    /// from the third (a conversation with one main divide: the second component is then noise),
    /// the iteration's end point within the near-tied plane depends on the start, and a seeded
    /// start made the groups depend on the seed (on a synthetic core-and-wing map the lowest ARI
    /// between seeds was 0.75). Keyed by id, the start is the same whatever the seed and whatever
    /// the order of the statements, and as spread out as a random one, so convergence is as fast.
    /// </summary>
    private static (double[] First, double[] Second) StartFromIds(ActiveMatrix x)
    {
        var m = x.Columns;
        var first = new double[m];
        var second = new double[m];
        for (var c = 0; c < m; c++)
        {
            var id = x.StatementIds[c];
            first[c] = UnitHash(id, 1) - 0.5;
            second[c] = UnitHash(id, 2) - 0.5;
        }

        return (first, second);
    }

    /// <summary>A number in [0, 1) from a string: FNV-1a over its characters and a salt, then the SplitMix64 finaliser.</summary>
    private static double UnitHash(string text, ulong salt)
    {
        var h = 14695981039346656037UL ^ salt;
        foreach (var ch in text)
        {
            h = unchecked((h ^ ch) * 1099511628211UL);
        }

        h = unchecked((h ^ (h >> 30)) * 0xBF58476D1CE4E5B9UL);
        h = unchecked((h ^ (h >> 27)) * 0x94D049BB133111EBUL);
        h ^= h >> 31;
        return (h >> 11) * (1.0 / (1UL << 53));
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
