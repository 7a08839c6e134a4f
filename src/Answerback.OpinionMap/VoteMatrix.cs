namespace Answerback.OpinionMap;

/// <summary>
/// Participants × statements, stored sparsely in compressed rows (CSR): for each participant the
/// statements they voted on, in ascending order, with the vote (+1, −1, 0) and its time. Memory
/// grows with the number of votes, not with participants × statements; there is no object per vote.
/// Immutable: <see cref="WithVotes"/> and <see cref="WithModeration"/> return new matrices.
/// </summary>
public sealed class VoteMatrix
{
    private readonly string[] _participantIds;
    private readonly StatementInfo[] _statements;
    private readonly Dictionary<string, int> _participantIndex;
    private readonly Dictionary<string, int> _statementIndex;

    internal VoteMatrix(
        string[] participantIds,
        Dictionary<string, int> participantIndex,
        StatementInfo[] statements,
        Dictionary<string, int> statementIndex,
        int[] rowStart,
        int[] columns,
        sbyte[] values,
        long[] timestamps)
    {
        _participantIds = participantIds;
        _participantIndex = participantIndex;
        _statements = statements;
        _statementIndex = statementIndex;
        RowStart = rowStart;
        Columns = columns;
        Values = values;
        Timestamps = timestamps;
    }

    /// <summary>Row offsets: participant p's votes are entries RowStart[p] .. RowStart[p+1]−1.</summary>
    internal int[] RowStart { get; }

    /// <summary>Statement index of each entry, ascending within a row.</summary>
    internal int[] Columns { get; }

    /// <summary>Vote of each entry: +1, −1 or 0.</summary>
    internal sbyte[] Values { get; }

    /// <summary>Time of each entry (Unix milliseconds).</summary>
    internal long[] Timestamps { get; }

    /// <summary>The participants' ids, in row order.</summary>
    public IReadOnlyList<string> ParticipantIds => _participantIds;

    /// <summary>The statements, in column order (moderated-out ones included, flagged).</summary>
    public IReadOnlyList<StatementInfo> Statements => _statements;

    /// <summary>Number of participants (rows).</summary>
    public int ParticipantCount => _participantIds.Length;

    /// <summary>Number of statements (columns), moderated-out ones included.</summary>
    public int StatementCount => _statements.Length;

    /// <summary>Number of stored votes (each participant's latest vote per statement).</summary>
    public int VoteCount => Columns.Length;

    /// <summary>The row of a participant id, or −1.</summary>
    public int IndexOfParticipant(string participantId) =>
        _participantIndex.TryGetValue(participantId, out var i) ? i : -1;

    /// <summary>The column of a statement id, or −1.</summary>
    public int IndexOfStatement(string statementId) =>
        _statementIndex.TryGetValue(statementId, out var i) ? i : -1;

    /// <summary>The vote of participant row <paramref name="participant"/> on column <paramref name="statement"/>, or null when unseen.</summary>
    public sbyte? GetVote(int participant, int statement)
    {
        var start = RowStart[participant];
        var found = Array.BinarySearch(Columns, start, RowStart[participant + 1] - start, statement);
        return found >= 0 ? Values[found] : null;
    }

    /// <summary>Every stored vote, row by row.</summary>
    public IEnumerable<VoteRecord> EnumerateVotes()
    {
        for (var p = 0; p < _participantIds.Length; p++)
        {
            for (var e = RowStart[p]; e < RowStart[p + 1]; e++)
            {
                yield return new VoteRecord(_participantIds[p], _statements[Columns[e]].Id, Values[e], Timestamps[e]);
            }
        }
    }

    /// <summary>
    /// A new matrix with <paramref name="votes"/> added: new participants are appended; a vote replaces
    /// the stored one unless the stored one is later. Rows not touched are copied, not re-sorted, so a
    /// small batch costs one pass over the arrays.
    /// </summary>
    /// <exception cref="ArgumentException">A vote names an unknown statement or has a value outside −1..1.</exception>
    public VoteMatrix WithVotes(IEnumerable<VoteRecord> votes)
    {
        ArgumentNullException.ThrowIfNull(votes);
        var participantIds = new List<string>(_participantIds);
        var participantIndex = new Dictionary<string, int>(_participantIndex, StringComparer.Ordinal);
        var added = new List<(int Row, int Column, sbyte Value, long Time, int Order)>();
        foreach (var vote in votes)
        {
            if (!_statementIndex.TryGetValue(vote.StatementId, out var column))
            {
                throw new ArgumentException($"Vote of participant '{vote.ParticipantId}' names unknown statement '{vote.StatementId}'.", nameof(votes));
            }

            if (vote.Value is < -1 or > 1)
            {
                throw new ArgumentException($"Vote of participant '{vote.ParticipantId}' on statement '{vote.StatementId}' is {vote.Value}; expected -1, 0 or 1.", nameof(votes));
            }

            if (!participantIndex.TryGetValue(vote.ParticipantId, out var row))
            {
                row = participantIds.Count;
                participantIds.Add(vote.ParticipantId);
                participantIndex.Add(vote.ParticipantId, row);
            }

            added.Add((row, column, vote.Value, vote.Timestamp, added.Count));
        }

        added.Sort((a, b) => a.Row != b.Row ? a.Row.CompareTo(b.Row)
            : a.Column != b.Column ? a.Column.CompareTo(b.Column)
            : a.Time != b.Time ? a.Time.CompareTo(b.Time)
            : a.Order.CompareTo(b.Order));

        var rows = participantIds.Count;
        var capacity = checked(Columns.Length + added.Count);
        var rowStart = new int[rows + 1];
        var columns = new int[capacity];
        var values = new sbyte[capacity];
        var times = new long[capacity];
        var n = 0;
        var a = 0;
        for (var p = 0; p < rows; p++)
        {
            rowStart[p] = n;
            var e = p < _participantIds.Length ? RowStart[p] : 0;
            var end = p < _participantIds.Length ? RowStart[p + 1] : 0;
            if (a >= added.Count || added[a].Row != p)
            {
                var length = end - e;
                Array.Copy(Columns, e, columns, n, length);
                Array.Copy(Values, e, values, n, length);
                Array.Copy(Timestamps, e, times, n, length);
                n += length;
                continue;
            }

            while (e < end || (a < added.Count && added[a].Row == p))
            {
                var takeOld = a >= added.Count || added[a].Row != p || (e < end && Columns[e] < added[a].Column);
                if (takeOld)
                {
                    columns[n] = Columns[e];
                    values[n] = Values[e];
                    times[n] = Timestamps[e];
                    n++;
                    e++;
                    continue;
                }

                var column = added[a].Column;
                var value = added[a].Value;
                var time = added[a].Time;
                var fromOld = false;
                if (e < end && Columns[e] == column)
                {
                    if (Timestamps[e] > time)
                    {
                        value = Values[e];
                        time = Timestamps[e];
                        fromOld = true;
                    }

                    e++;
                }

                // Several new votes on the same cell: sorted by time, the last one wins.
                while (a < added.Count && added[a].Row == p && added[a].Column == column)
                {
                    if (fromOld && added[a].Time < time)
                    {
                        a++;
                        continue;
                    }

                    value = added[a].Value;
                    time = added[a].Time;
                    fromOld = false;
                    a++;
                }

                columns[n] = column;
                values[n] = value;
                times[n] = time;
                n++;
            }
        }

        rowStart[rows] = n;
        Array.Resize(ref columns, n);
        Array.Resize(ref values, n);
        Array.Resize(ref times, n);
        return new VoteMatrix([.. participantIds], participantIndex, _statements, _statementIndex, rowStart, columns, values, times);
    }

    /// <summary>A new matrix in which statement <paramref name="statementId"/> is (or is no longer) moderated out.</summary>
    public VoteMatrix WithModeration(string statementId, bool moderatedOut)
    {
        var column = IndexOfStatement(statementId);
        if (column < 0)
        {
            throw new ArgumentException($"Unknown statement '{statementId}'.", nameof(statementId));
        }

        var statements = (StatementInfo[])_statements.Clone();
        statements[column] = statements[column] with { IsModeratedOut = moderatedOut };
        return new VoteMatrix(_participantIds, _participantIndex, statements, _statementIndex, RowStart, Columns, Values, Timestamps);
    }
}
