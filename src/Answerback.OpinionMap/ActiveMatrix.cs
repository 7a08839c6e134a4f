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
        var count = 0;
        for (var e = 0; e < sourceColumns.Length; e++)
        {
            if (dense[sourceColumns[e]] >= 0)
            {
                count++;
            }
        }

        RowStart = new int[Rows + 1];
        ColumnIndex = new int[count];
        Values = new sbyte[count];
        VotesPerRow = new int[Rows];
        Agree = new int[Columns];
        Disagree = new int[Columns];
        Pass = new int[Columns];
        var n = 0;
        for (var p = 0; p < Rows; p++)
        {
            RowStart[p] = n;
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
                switch (v)
                {
                    case > 0: Agree[c]++; break;
                    case < 0: Disagree[c]++; break;
                    default: Pass[c]++; break;
                }

                n++;
            }

            VotesPerRow[p] = n - RowStart[p];
        }

        RowStart[Rows] = n;
        Means = new double[Columns];
        for (var c = 0; c < Columns; c++)
        {
            var seen = Agree[c] + Disagree[c] + Pass[c];
            Means[c] = seen == 0 ? 0 : (double)(Agree[c] - Disagree[c]) / seen;
        }

        Centred = new double[count];
        for (var e = 0; e < count; e++)
        {
            Centred[e] = Values[e] - Means[ColumnIndex[e]];
        }
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
