namespace Answerback.OpinionMap;

/// <summary>
/// The matrix restricted to statements in the analysis, with dense column numbers and each vote
/// already centred on its statement's mean. Mean imputation of missing votes then costs nothing:
/// an imputed cell is exactly zero after centring, so the centred matrix stays sparse.
/// </summary>
internal sealed class ActiveMatrix
{

    public ActiveMatrix(VoteMatrix matrix)
    {
        var statements = matrix.Statements;
        var dense = new int[statements.Count];
        var ids = new List<string>();
        for (var s = 0; s < statements.Count; s++)
        {
            if (statements[s].IsModeratedOut)
            {
                dense[s] = -1;
            }
            else
            {
                dense[s] = ids.Count;
                ids.Add(statements[s].Id);
            }
        }

        StatementIds = [.. ids];
        SourceColumns = new int[ids.Count];
        for (var s = 0; s < statements.Count; s++)
        {
            if (dense[s] >= 0)
            {
                SourceColumns[dense[s]] = s;
            }
        }

        Rows = matrix.ParticipantCount;
        Columns = ids.Count;
        var sourceStart = matrix.RowStart;
        var sourceColumns = matrix.Columns;
        var sourceValues = matrix.Values;
        // Rows are processed in a fixed number of chunks on the available cores: first the kept
        // votes per row, then (after a prefix sum) the copy. Per-chunk tallies are merged in order.
        const int chunks = 8;
        var bounds = new int[chunks + 1];
        for (var i = 0; i <= chunks; i++)
        {
            bounds[i] = (int)((long)Rows * i / chunks);
        }

        VotesPerRow = new int[Rows];
        Parallel.For(0, chunks, chunk =>
        {
            for (var p = bounds[chunk]; p < bounds[chunk + 1]; p++)
            {
                var kept = 0;
                for (var e = sourceStart[p]; e < sourceStart[p + 1]; e++)
                {
                    if (dense[sourceColumns[e]] >= 0)
                    {
                        kept++;
                    }
                }

                VotesPerRow[p] = kept;
            }
        });

        RowStart = new int[Rows + 1];
        for (var p = 0; p < Rows; p++)
        {
            RowStart[p + 1] = checked(RowStart[p] + VotesPerRow[p]);
        }

        var count = RowStart[Rows];
        ColumnIndex = new int[count];
        Values = new sbyte[count];
        var tallies = new int[chunks][];
        Parallel.For(0, chunks, chunk =>
        {
            var tally = new int[3 * Columns];
            for (var p = bounds[chunk]; p < bounds[chunk + 1]; p++)
            {
                var n = RowStart[p];
                for (var e = sourceStart[p]; e < sourceStart[p + 1]; e++)
                {
                    var c = dense[sourceColumns[e]];
                    if (c < 0)
                    {
                        continue;
                    }

                    ColumnIndex[n] = c;
                    var v = sourceValues[e];
                    Values[n] = v;
                    tally[(3 * c) + (v > 0 ? 0 : v < 0 ? 1 : 2)]++;
                    n++;
                }
            }

            tallies[chunk] = tally;
        });

        Agree = new int[Columns];
        Disagree = new int[Columns];
        Pass = new int[Columns];
        foreach (var tally in tallies)
        {
            for (var c = 0; c < Columns; c++)
            {
                Agree[c] += tally[3 * c];
                Disagree[c] += tally[(3 * c) + 1];
                Pass[c] += tally[(3 * c) + 2];
            }
        }

        Means = new double[Columns];
        for (var c = 0; c < Columns; c++)
        {
            var seen = Agree[c] + Disagree[c] + Pass[c];
            Means[c] = seen == 0 ? 0 : (double)(Agree[c] - Disagree[c]) / seen;
        }

        Centred = new double[count];
        var means = Means;
        var columnIndex = ColumnIndex;
        var values = Values;
        var centred = Centred;
        Parallel.For(0, chunks, chunk =>
        {
            for (var e = RowStart[bounds[chunk]]; e < RowStart[bounds[chunk + 1]]; e++)
            {
                centred[e] = values[e] - means[columnIndex[e]];
            }
        });
    }

    public int Rows { get; }

    public int Columns { get; }

    public string[] StatementIds { get; }

    /// <summary>For each dense column, its column in the source <see cref="VoteMatrix"/>.</summary>
    public int[] SourceColumns { get; }

    public int[] RowStart { get; }

    public int[] ColumnIndex { get; }

    public sbyte[] Values { get; }

    public double[] Centred { get; }

    public double[] Means { get; }

    public int[] VotesPerRow { get; }

    public int[] Agree { get; }

    public int[] Disagree { get; }

    public int[] Pass { get; }
}
