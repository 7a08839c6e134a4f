namespace Answerback.OpinionMap;

/// <summary>
/// The bridging score, in the style of X's Community Notes: each vote v (−1, 0, +1) is modelled as
/// v ≈ μ + b_participant + b_statement + f_participant × f_statement, with one latent factor,
/// fitted by alternating least squares with L2 penalties λ_b on the intercepts and λ_f on the
/// factors. The factor soaks up the main divide (agreement explained by which side one is on);
/// the statement intercept b_statement is what remains: agreement shared across the divide. That
/// intercept is the bridging score. Participant factors start from the first principal component,
/// so the fit is deterministic.
/// </summary>
internal static class BridgingModel
{
    private const int Chunks = 8;

    public static BridgingState Fit(
        ActiveMatrix x, double[] projection, OpinionMapOptions options, IReadOnlyList<string> participantIds, BridgingState? previous)
    {
        var n = x.Rows;
        var m = x.Columns;
        var bu = new double[n];
        var fu = new double[n];
        var bc = new double[m];
        var fc = new double[m];
        if (m == 0 || x.Values.Length == 0)
        {
            return new BridgingState([.. participantIds], bu, fu, bc, 0);
        }

        // Start: participant factor = first PCA coordinate, standardised.
        double sum = 0, sumSq = 0;
        var count = 0;
        for (var p = 0; p < n; p++)
        {
            if (x.VotesPerRow[p] > 0)
            {
                sum += projection[2 * p];
                sumSq += projection[2 * p] * projection[2 * p];
                count++;
            }
        }

        var mean = sum / count;
        var sd = Math.Sqrt(Math.Max(sumSq / count - (mean * mean), 1e-12));
        for (var p = 0; p < n; p++)
        {
            fu[p] = x.VotesPerRow[p] > 0 ? (projection[2 * p] - mean) / sd : 0;
        }

        double mu = 0;
        foreach (var v in x.Values)
        {
            mu += v;
        }

        mu /= x.Values.Length;
        var iterations = options.BridgingIterations;
        if (previous is not null)
        {
            // Warm start: participants already fitted keep their intercept and factor; a few
            // sweeps then absorb the new votes.
            Dictionary<string, int>? index = null;
            for (var p = 0; p < n; p++)
            {
                var at = p < previous.ParticipantIds.Length && string.Equals(previous.ParticipantIds[p], participantIds[p], StringComparison.Ordinal) ? p : -1;
                if (at < 0)
                {
                    index ??= previous.ParticipantIds.Select((id, i) => (id, i)).ToDictionary(t => t.id, t => t.i, StringComparer.Ordinal);
                    at = index.TryGetValue(participantIds[p], out var i) ? i : -1;
                }

                if (at >= 0)
                {
                    bu[p] = previous.ParticipantIntercepts[at];
                    fu[p] = previous.ParticipantFactors[at];
                }
            }

            mu = previous.Mean;
            iterations = options.BridgingUpdateIterations;
        }
        var lb = options.BridgingInterceptPenalty;
        var lf = options.BridgingFactorPenalty;
        var bounds = new int[Chunks + 1];
        for (var i = 0; i <= Chunks; i++)
        {
            bounds[i] = (int)((long)n * i / Chunks);
        }

        // Per-chunk column sums: count, Σf, Σf², Σe, Σe·f, merged in a fixed order (deterministic).
        var partial = new double[Chunks][];
        for (var i = 0; i < Chunks; i++)
        {
            partial[i] = new double[5 * m];
        }

        var sweeps = 0;
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            sweeps++;
            var change = 0.0;
            // Statements given participants.
            Parallel.For(0, Chunks, chunk =>
            {
                var acc = partial[chunk];
                Array.Clear(acc);
                for (var p = bounds[chunk]; p < bounds[chunk + 1]; p++)
                {
                    var f = fu[p];
                    var offset = mu + bu[p];
                    for (var e = x.RowStart[p]; e < x.RowStart[p + 1]; e++)
                    {
                        var c = 5 * x.ColumnIndex[e];
                        var r = x.Values[e] - offset;
                        acc[c] += 1;
                        acc[c + 1] += f;
                        acc[c + 2] += f * f;
                        acc[c + 3] += r;
                        acc[c + 4] += r * f;
                    }
                }
            });
            for (var c = 0; c < m; c++)
            {
                double s1 = 0, sf = 0, sff = 0, se = 0, sef = 0;
                for (var chunk = 0; chunk < Chunks; chunk++)
                {
                    var acc = partial[chunk];
                    s1 += acc[5 * c];
                    sf += acc[(5 * c) + 1];
                    sff += acc[(5 * c) + 2];
                    se += acc[(5 * c) + 3];
                    sef += acc[(5 * c) + 4];
                }

                var (b, f) = Solve(s1 + lb, sf, sff + lf, se, sef);
                change = Math.Max(change, Math.Abs(b - bc[c]));
                bc[c] = b;
                fc[c] = f;
            }

            // Participants given statements; the residual left for the global mean is summed per
            // chunk on the same (cache-hot) row.
            var residuals = new double[Chunks];
            Parallel.For(0, Chunks, chunk =>
            {
                double residual = 0;
                for (var p = bounds[chunk]; p < bounds[chunk + 1]; p++)
                {
                    if (x.VotesPerRow[p] == 0)
                    {
                        continue;
                    }

                    double s1 = 0, sf = 0, sff = 0, se = 0, sef = 0;
                    for (var e = x.RowStart[p]; e < x.RowStart[p + 1]; e++)
                    {
                        var c = x.ColumnIndex[e];
                        var f = fc[c];
                        var r = x.Values[e] - mu - bc[c];
                        s1 += 1;
                        sf += f;
                        sff += f * f;
                        se += r;
                        sef += r * f;
                    }

                    var (b, g) = Solve(s1 + lb, sf, sff + lf, se, sef);
                    bu[p] = b;
                    fu[p] = g;
                    for (var e = x.RowStart[p]; e < x.RowStart[p + 1]; e++)
                    {
                        var c = x.ColumnIndex[e];
                        residual += x.Values[e] - b - bc[c] - (g * fc[c]);
                    }
                }

                residuals[chunk] = residual;
            });

            // The model cannot tell a shift of every participant factor by a from a shift of
            // every statement intercept by a × f_statement; ALS crawls along that ridge. Fix the
            // gauge: participant factors have mean zero (predictions unchanged), so a statement's
            // intercept is the agreement of a participant at the centre of the divide.
            double shift = 0;
            var voters = 0;
            for (var p = 0; p < n; p++)
            {
                if (x.VotesPerRow[p] > 0)
                {
                    shift += fu[p];
                    voters++;
                }
            }

            shift /= Math.Max(voters, 1);
            for (var p = 0; p < n; p++)
            {
                if (x.VotesPerRow[p] > 0)
                {
                    fu[p] -= shift;
                }
            }

            for (var c = 0; c < m; c++)
            {
                bc[c] += shift * fc[c];
            }

            // Global mean of what the intercepts and factors leave (chunks summed in order: deterministic).
            double total = 0;
            foreach (var r in residuals)
            {
                total += r;
            }

            mu = total / x.Values.Length;

            // Converged: no statement's bridging score moved by more than the tolerance.
            if (iteration > 0 && change < options.BridgingTolerance)
            {
                break;
            }
        }

        return new BridgingState([.. participantIds], bu, fu, bc, mu) { Sweeps = sweeps };
    }

    /// <summary>Solves [[a, b], [b, d]] · (u, v) = (e, f).</summary>
    private static (double, double) Solve(double a, double b, double d, double e, double f)
    {
        var det = (a * d) - (b * b);
        if (Math.Abs(det) < 1e-300)
        {
            return (a > 0 ? e / a : 0, 0);
        }

        return (((d * e) - (b * f)) / det, ((a * f) - (b * e)) / det);
    }
}

/// <summary>A fitted bridging model, kept to warm-start the next update.</summary>
internal sealed record BridgingState(string[] ParticipantIds, double[] ParticipantIntercepts, double[] ParticipantFactors, double[] StatementIntercepts, double Mean)
{
    public int Sweeps { get; init; }
}
