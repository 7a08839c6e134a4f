namespace Answerback.OpinionMap;

/// <summary>
/// Collects statements and votes (in any order) and builds a <see cref="VoteMatrix"/>. Votes are
/// kept in parallel primitive arrays, never one object per vote, so tens of millions fit in a few
/// hundred megabytes. When a participant voted several times on a statement, the latest vote wins
/// (by timestamp; on equal timestamps, the one added last).
/// </summary>
public sealed class VoteMatrixBuilder
{
    private readonly List<string> _participantIds = [];
    private readonly Dictionary<string, int> _participantIndex = new(StringComparer.Ordinal);
    private readonly List<StatementInfo> _statements = [];
    private readonly Dictionary<string, int> _statementIndex = new(StringComparer.Ordinal);
    private int[] _rows = new int[1024];
    private int[] _columns = new int[1024];
    private sbyte[] _values = new sbyte[1024];
    private long[] _times = new long[1024];
    private int _count;

    /// <summary>Number of votes added so far (before duplicates are resolved).</summary>
    public int AddedVoteCount => _count;

    /// <summary>Number of statements declared so far.</summary>
    public int StatementCount => _statements.Count;

    /// <summary>Declares a statement and returns its column.</summary>
    /// <exception cref="ArgumentException">The id was already declared.</exception>
    public int AddStatement(StatementInfo statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        if (!_statementIndex.TryAdd(statement.Id, _statements.Count))
        {
            throw new ArgumentException($"Statement '{statement.Id}' is declared twice.", nameof(statement));
        }

        _statements.Add(statement);
        return _statements.Count - 1;
    }

    /// <summary>The column of a declared statement, or −1.</summary>
    public int StatementIndex(string statementId) => _statementIndex.TryGetValue(statementId, out var c) ? c : -1;

    /// <summary>True when a statement with this id was declared.</summary>
    public bool HasStatement(string statementId) => _statementIndex.ContainsKey(statementId);

    /// <summary>The row of a participant id, declaring the participant if new.</summary>
    public int AddParticipant(string participantId)
    {
        ArgumentNullException.ThrowIfNull(participantId);
        if (!_participantIndex.TryGetValue(participantId, out var row))
        {
            row = _participantIds.Count;
            _participantIds.Add(participantId);
            _participantIndex.Add(participantId, row);
        }

        return row;
    }

    /// <summary>Adds a vote by ids; the participant is declared if new, the statement must be declared.</summary>
    /// <exception cref="ArgumentException">Unknown statement, or a value outside −1..1.</exception>
    public void AddVote(string participantId, string statementId, int value, long timestamp)
    {
        if (!_statementIndex.TryGetValue(statementId, out var column))
        {
            throw new ArgumentException($"Unknown statement '{statementId}'.", nameof(statementId));
        }

        AddVote(AddParticipant(participantId), column, value, timestamp);
    }

    /// <summary>Adds a vote by row and column (the fast path for generators and benchmarks).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Unknown row or column, or a value outside −1..1.</exception>
    public void AddVote(int participant, int statement, int value, long timestamp)
    {
        if ((uint)participant >= (uint)_participantIds.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(participant), participant, "Unknown participant row.");
        }

        if ((uint)statement >= (uint)_statements.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(statement), statement, "Unknown statement column.");
        }

        if (value is < -1 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A vote is -1 (disagree), 0 (pass) or 1 (agree).");
        }

        if (_count == _rows.Length)
        {
            var size = checked(_rows.Length * 2);
            Array.Resize(ref _rows, size);
            Array.Resize(ref _columns, size);
            Array.Resize(ref _values, size);
            Array.Resize(ref _times, size);
        }

        _rows[_count] = participant;
        _columns[_count] = statement;
        _values[_count] = (sbyte)value;
        _times[_count] = timestamp;
        _count++;
    }

    /// <summary>Builds the matrix: a counting sort by participant, then each row sorted by statement.</summary>
    public VoteMatrix Build()
    {
        var rowCount = _participantIds.Count;
        var rowStart = new int[rowCount + 1];
        for (var i = 0; i < _count; i++)
        {
            rowStart[_rows[i] + 1]++;
        }

        for (var p = 0; p < rowCount; p++)
        {
            rowStart[p + 1] += rowStart[p];
        }

        // Stable placement: within a row, entries keep the order they were added in.
        var order = new int[_count];
        var next = (int[])rowStart.Clone();
        for (var i = 0; i < _count; i++)
        {
            order[next[_rows[i]]++] = i;
        }

        var keys = new int[_count];
        for (var e = 0; e < _count; e++)
        {
            keys[e] = _columns[order[e]];
        }

        var columns = new int[_count];
        var values = new sbyte[_count];
        var times = new long[_count];
        var newStart = new int[rowCount + 1];
        var n = 0;
        for (var p = 0; p < rowCount; p++)
        {
            newStart[p] = n;
            var start = rowStart[p];
            var length = rowStart[p + 1] - start;
            Array.Sort(keys, order, start, length);
            var e = start;
            var end = start + length;
            while (e < end)
            {
                var column = keys[e];
                var best = order[e];
                e++;
                while (e < end && keys[e] == column)
                {
                    var other = order[e];
                    if (_times[other] > _times[best] || (_times[other] == _times[best] && other > best))
                    {
                        best = other;
                    }

                    e++;
                }

                columns[n] = column;
                values[n] = _values[best];
                times[n] = _times[best];
                n++;
            }
        }

        newStart[rowCount] = n;
        Array.Resize(ref columns, n);
        Array.Resize(ref values, n);
        Array.Resize(ref times, n);
        return new VoteMatrix(
            [.. _participantIds],
            new Dictionary<string, int>(_participantIndex, StringComparer.Ordinal),
            [.. _statements],
            new Dictionary<string, int>(_statementIndex, StringComparer.Ordinal),
            newStart,
            columns,
            values,
            times);
    }
}
