using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Answerback.Counting.Formats;

/// <summary>
/// Cast-vote-record CSV: a header row, then one ballot per row. The columns named <c>rank1</c> ...
/// <c>rankN</c> (any case, any order) hold candidate names; other columns (ballot ids, precincts) are
/// ignored. An empty rank cell is a skipped rank: trailing ones end the ballot, inner ones leave a gap.
/// Candidates are every name seen, sorted ordinally, so the order of rows never changes the candidate order.
/// Rows are read as a stream of UTF-8 bytes and identical rankings grouped as they arrive: memory grows with
/// distinct ballots, not with rows. Fields may be quoted (RFC 4180) but may not contain line breaks.
/// </summary>
public static class CvrCsvFormat
{
    /// <summary>
    /// Reads a CVR CSV file; <paramref name="seats"/> is the number of seats (CSV carries none). A large file is
    /// read in as many contiguous parts as there are processors (at most 4), each part grouping its own rows; the
    /// parts are merged in file order, so the result is the same as reading it in one pass.
    /// </summary>
    /// <exception cref="BallotFileException">The file is empty or malformed; the message names the file and line.</exception>
    public static Election Read(string path, int seats = 1) => Read(path, seats, PartMinimum);

    /// <summary>As <see cref="Read(string, int)"/>, splitting files of at least twice <paramref name="partMinimum"/> bytes (tests use small parts).</summary>
    internal static Election Read(string path, int seats, long partMinimum)
    {
        ArgumentNullException.ThrowIfNull(path);
        // Buffer size 1: ByteLineReader buffers itself.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var parts = Math.Clamp(Environment.ProcessorCount, 1, 4);
        if (stream.Length < partMinimum * 2 || parts == 1)
        {
            return Read(stream, path, seats);
        }

        // The header, and where the data starts.
        var head = new byte[Math.Min(stream.Length, 1 << 20)];
        stream.ReadExactly(head);
        var newline = Array.IndexOf(head, (byte)'\n');
        if (newline < 0)
        {
            stream.Position = 0;
            return ReadSequential(stream, path, seats);
        }

        var columnToRank = ParseHeader(head.AsSpan(0, newline).TrimEnd("\r"u8), path);
        var bounds = new List<long> { newline + 1 };
        for (var k = 1; k < parts; k++)
        {
            var start = NextLineStart(stream, stream.Length * k / parts);
            if (start > bounds[^1] && start < stream.Length)
            {
                bounds.Add(start);
            }
        }

        bounds.Add(stream.Length);
        var results = new Part[bounds.Count - 1];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = parts }, k =>
        {
            using var part = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            part.Position = bounds[k];
            results[k] = ReadPart(new ByteLineReader(new RangeStream(part, bounds[k + 1] - bounds[k])), columnToRank, path);
        });

        var lineOffset = 1; // the header
        foreach (var part in results)
        {
            if (part.Error is { } error)
            {
                throw new BallotFileException(path, error.Line + lineOffset, error.Problem);
            }

            lineOffset += part.Lines;
        }

        return Merge(results, path, seats, lineOffset);
    }

    /// <summary>Reads CVR CSV from a stream, in one pass; <paramref name="name"/> names it in error messages.</summary>
    public static Election Read(Stream stream, string name, int seats = 1) => ReadSequential(stream, name, seats);

    private const long PartMinimum = 16L << 20;

    private static Election ReadSequential(Stream stream, string name, int seats)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var reader = new ByteLineReader(stream);
        if (!reader.TryReadLine(out var headerBytes) || headerBytes.Trim(" \t"u8).IsEmpty)
        {
            throw new BallotFileException(name, 0, "the file is empty; expected a header row with columns rank1 ... rankN.");
        }

        var columnToRank = ParseHeader(headerBytes, name);
        var part = ReadPart(reader, columnToRank, name);
        if (part.Error is { } error)
        {
            throw new BallotFileException(name, error.Line + 1, error.Problem);
        }

        return Merge([part], name, seats, part.Lines + 1);
    }

    private static int[] ParseHeader(ReadOnlySpan<byte> headerBytes, string name)
    {
        var header = Encoding.UTF8.GetString(headerBytes);
        if (header.Trim().Length == 0)
        {
            throw new BallotFileException(name, 0, "the file is empty; expected a header row with columns rank1 ... rankN.");
        }

        var scratch = new byte[256];
        var fields = new List<string>();
        var pos = 0;
        while (true)
        {
            fields.Add(Encoding.UTF8.GetString(NextField(headerBytes, ref pos, name, 1, ref scratch, out var last)).Trim());
            if (last)
            {
                break;
            }
        }

        var rankColumns = new List<(int Column, int Rank)>();
        for (var i = 0; i < fields.Count; i++)
        {
            var f = fields[i];
            if (f.StartsWith("rank", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(f.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var rank) && rank >= 1)
            {
                rankColumns.Add((i, rank));
            }
        }

        if (rankColumns.Count == 0)
        {
            throw new BallotFileException(name, 1, $"expected columns rank1 ... rankN in the header, found '{header.Trim()}'.");
        }

        rankColumns.Sort((a, b) => a.Rank.CompareTo(b.Rank));
        var columnToRank = new int[fields.Count];
        Array.Fill(columnToRank, -1);
        for (var k = 0; k < rankColumns.Count; k++)
        {
            columnToRank[rankColumns[k].Column] = k;
        }

        return columnToRank;
    }

    private static long NextLineStart(FileStream stream, long from)
    {
        stream.Position = from;
        var buffer = new byte[1 << 16];
        while (true)
        {
            var read = stream.Read(buffer);
            if (read == 0)
            {
                return stream.Length;
            }

            var i = Array.IndexOf(buffer, (byte)'\n', 0, read);
            if (i >= 0)
            {
                return stream.Position - read + i + 1;
            }
        }
    }

    /// <summary>One contiguous part of the rows: its own names and groups; line numbers relative to the part.</summary>
    private sealed class Part
    {
        public required NameTable Names { get; init; }

        public required RankingTally Tally { get; init; }

        public int Rows { get; set; }

        public int Lines { get; set; }

        public BallotFileException? Error { get; set; }
    }

    private static Part ReadPart(ByteLineReader reader, int[] columnToRank, string name)
    {
        var part = new Part { Names = new NameTable(), Tally = new RankingTally() };
        var names = part.Names;
        var tally = part.Tally;
        var cells = new int[columnToRank.Count(k => k >= 0)];
        var ranking = new int[cells.Length];
        var stamp = new int[16];
        var scratch = new byte[256];
        var row = 0;
        var lineNo = 0;
        try
        {
            while (reader.TryReadLine(out var line))
            {
                lineNo++;
                if (line.IsEmpty)
                {
                    continue;
                }

                row++;
                ReadRow(line, columnToRank, cells, names, name, lineNo, ref scratch);
                if (stamp.Length < names.Count)
                {
                    Array.Resize(ref stamp, names.Count * 2);
                }

                var filled = 0;
                for (var k = 0; k < cells.Length; k++)
                {
                    if (cells[k] >= 0)
                    {
                        filled = k + 1;
                    }
                }

                for (var k = 0; k < filled; k++)
                {
                    var id = cells[k];
                    if (id >= 0)
                    {
                        if (stamp[id] == row)
                        {
                            throw new BallotFileException(name, lineNo, $"candidate '{names.Name(id)}' is ranked more than once.");
                        }

                        stamp[id] = row;
                    }

                    ranking[k] = id < 0 ? RankingTally.Gap : id;
                }

                tally.Add(ranking.AsSpan(0, filled), 1);
            }
        }
        catch (BallotFileException ex)
        {
            part.Error = ex;
        }

        part.Rows = row;
        part.Lines = lineNo;
        return part;
    }

    private static Election Merge(Part[] parts, string name, int seats, int lastLine)
    {
        if (parts.Sum(p => p.Rows) == 0)
        {
            throw new BallotFileException(name, lastLine, "the file has a header but no ballots.");
        }

        RankingTally tally;
        NameTable names;
        if (parts.Length == 1)
        {
            tally = parts[0].Tally;
            names = parts[0].Names;
        }
        else
        {
            // Renumber each part's names into one table and regroup, part by part in file order, so the
            // distinct ballots keep their first-seen order.
            names = new NameTable();
            tally = new RankingTally();
            var buffer = new List<int>();
            foreach (var part in parts)
            {
                var map = Enumerable.Range(0, part.Names.Count).Select(i => names.GetOrAdd(Encoding.UTF8.GetBytes(part.Names.Name(i)))).ToArray();
                foreach (var (ranking, count) in part.Tally.InArrivalOrder())
                {
                    buffer.Clear();
                    foreach (var x in ranking)
                    {
                        buffer.Add(x >= 0 ? map[x] : x);
                    }

                    tally.Add(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(buffer), count);
                }
            }
        }

        // Candidates in ordinal name order, so the order of rows never changes the candidate order.
        var sorted = Enumerable.Range(0, names.Count).Select(names.Name).Order(StringComparer.Ordinal).ToList();
        var remap = new int[names.Count];
        for (var i = 0; i < sorted.Count; i++)
        {
            remap[names.Id(sorted[i])] = i;
        }

        if (seats > sorted.Count)
        {
            throw new BallotFileException(name, 0, $"{seats} seats but only {sorted.Count} candidates.");
        }

        return new Election(sorted, tally.TakeBallots(remap), seats);
    }

    /// <summary>A read-only window of <c>length</c> bytes from the inner stream's current position.</summary>
    private sealed class RangeStream(Stream inner, long length) : Stream
    {
        private long _left = length;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_left <= 0)
            {
                return 0;
            }

            var read = inner.Read(buffer, offset, (int)Math.Min(count, _left));
            _left -= read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadRow(ReadOnlySpan<byte> line, int[] columnToRank, int[] cells, NameTable names, string name, int lineNo, ref byte[] scratch)
    {
        Array.Fill(cells, -1);
        var column = 0;
        var pos = 0;
        while (true)
        {
            ReadOnlySpan<byte> field;
            bool last;
            if (pos < line.Length && line[pos] == (byte)'"')
            {
                field = NextField(line, ref pos, name, lineNo, ref scratch, out last);
            }
            else
            {
                var rest = line[pos..];
                var comma = rest.IndexOf((byte)',');
                last = comma < 0;
                field = last ? rest : rest[..comma];
                pos += comma + 1;
            }

            var k = column < columnToRank.Length ? columnToRank[column] : -1;
            if (k >= 0 && !field.IsEmpty)
            {
                if (field[0] == (byte)' ' || field[^1] == (byte)' ' || field[0] == (byte)'\t' || field[^1] == (byte)'\t')
                {
                    field = field.Trim(" \t"u8);
                }

                if (!field.IsEmpty)
                {
                    cells[k] = names.GetOrAdd(field);
                }
            }

            column++;
            if (last)
            {
                break;
            }
        }

        if (column != columnToRank.Length)
        {
            throw new BallotFileException(name, lineNo, $"expected {columnToRank.Length} columns as in the header, found {column}.");
        }
    }

    // Returns the next field; a quoted field is unescaped into the scratch buffer.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ReadOnlySpan<byte> NextField(ReadOnlySpan<byte> line, scoped ref int pos, string name, int lineNo, scoped ref byte[] scratch, out bool last)
    {
        if (pos < line.Length && line[pos] == (byte)'"')
        {
            var n = 0;
            var i = pos + 1;
            while (true)
            {
                if (i >= line.Length)
                {
                    throw new BallotFileException(name, lineNo, "a quoted field has no closing quote (line breaks inside fields are not supported).");
                }

                if (line[i] == (byte)'"')
                {
                    if (i + 1 < line.Length && line[i + 1] == (byte)'"')
                    {
                        i++;
                    }
                    else
                    {
                        i++;
                        break;
                    }
                }

                if (n == scratch.Length)
                {
                    Array.Resize(ref scratch, scratch.Length * 2);
                }

                scratch[n++] = line[i++];
            }

            if (i < line.Length && line[i] != (byte)',')
            {
                throw new BallotFileException(name, lineNo, $"expected a comma after the quoted field at column {i + 1}.");
            }

            last = i >= line.Length;
            pos = i + 1;
            return scratch.AsSpan(0, n);
        }

        var comma = line[pos..].IndexOf((byte)',');
        if (comma < 0)
        {
            last = true;
            var rest = line[pos..];
            pos = line.Length;
            return rest;
        }

        last = false;
        var field = line.Slice(pos, comma);
        pos += comma + 1;
        return field;
    }

    /// <summary>Candidate names by their UTF-8 bytes: a 64-bit hash of 8-byte words, then a byte-for-byte check.</summary>
    private sealed class NameTable
    {
        private readonly Dictionary<ulong, int> _byHash = [];
        private readonly List<byte[]> _bytes = [];
        private readonly List<string> _names = [];
        private readonly Dictionary<string, int> _byName = new(StringComparer.Ordinal);

        public int Count => _names.Count;

        // Mixes the field 8 bytes at a time (the last word overlapping), which is all a name lookup needs.
        private static ulong Hash(ReadOnlySpan<byte> field)
        {
            const ulong Prime = 0x9E3779B97F4A7C15UL;
            var hash = unchecked((ulong)field.Length * Prime);
            if (field.Length < 8)
            {
                foreach (var b in field)
                {
                    hash = unchecked((hash ^ b) * Prime);
                }

                return hash ^ (hash >> 29);
            }

            var i = 0;
            for (; i + 8 <= field.Length; i += 8)
            {
                hash = unchecked((System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(field[i..]) ^ hash) * Prime);
                hash ^= hash >> 29;
            }

            if (i < field.Length)
            {
                hash = unchecked((System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(field[^8..]) ^ hash) * Prime);
                hash ^= hash >> 29;
            }

            return hash;
        }

        public string Name(int id) => _names[id];

        public int Id(string name) => _byName[name];

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public int GetOrAdd(ReadOnlySpan<byte> field)
        {
            var hash = Hash(field);

            if (_byHash.TryGetValue(hash, out var id) && field.SequenceEqual(_bytes[id]))
            {
                return id;
            }

            var text = Encoding.UTF8.GetString(field);
            if (_byName.TryGetValue(text, out id))
            {
                return id; // a hash collision with another name: found by its text
            }

            id = _names.Count;
            _names.Add(text);
            _bytes.Add(field.ToArray());
            _byName.Add(text, id);
            _byHash.TryAdd(hash, id);
            return id;
        }
    }
}
