using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Answerback.Formats;
using Answerback.Formats.Csv;

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
    /// <exception cref="InputFormatException">The file is empty or malformed; the message names the file and line.</exception>
    public static Election Read(string path, int seats = 1) => Read(path, seats, PartMinimum);

    /// <summary>As <see cref="Read(string, int)"/>, splitting files of at least twice <paramref name="partMinimum"/> bytes (tests use small parts).</summary>
    internal static Election Read(string path, int seats, long partMinimum)
    {
        ArgumentNullException.ThrowIfNull(path);
        // Buffer size 1: CsvReader buffers itself.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var parts = Math.Clamp(Environment.ProcessorCount, 1, 4);
        if (stream.Length < partMinimum * 2 || parts == 1)
        {
            return ReadSequential(stream, path, seats);
        }

        // The header, and where the data starts.
        using var headerReader = new CsvReader(stream, path, Options, leaveOpen: true);
        var header = ReadHeader(headerReader, out var rankColumns);
        var bounds = new List<long> { headerReader.Position };
        var linesBefore = headerReader.NextLine - 1;
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
            using var csv = new CsvReader(new RangeStream(part, bounds[k + 1] - bounds[k]), path, PartOptions);
            results[k] = ReadPart(csv, header, rankColumns, path);
        });

        // Each part counted its lines from 1; place them in the file. A blank line at the end of one part is
        // in the middle of the file when a later part has rows.
        var blank = 0L;
        foreach (var part in results)
        {
            if (blank > 0 && (part.Rows > 0 || part.Error is not null))
            {
                throw new InputFormatException(path, blank, CsvReader.BlankLineProblem);
            }

            if (part.Error is { } error)
            {
                throw error.MovedDown(linesBefore);
            }

            if (blank == 0 && part.TrailingBlankLine > 0)
            {
                blank = part.TrailingBlankLine + linesBefore;
            }

            linesBefore += part.Lines;
        }

        return Merge(results, path, seats, header.Line);
    }

    /// <summary>Reads CVR CSV from a stream, in one pass; <paramref name="name"/> names it in error messages.</summary>
    public static Election Read(Stream stream, string name, int seats = 1) => ReadSequential(stream, name, seats);

    private const long PartMinimum = 16L << 20;

    // Line breaks inside quotes would defeat splitting the file into parts at line ends.
    private static readonly CsvOptions Options = new() { LineBreaksInQuotes = false };

    private static readonly CsvOptions PartOptions = Options with { SkipByteOrderMark = false };

    private static Election ReadSequential(Stream stream, string name, int seats)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var csv = new CsvReader(stream, name, Options, leaveOpen: true);
        var header = ReadHeader(csv, out var rankColumns);
        var part = ReadPart(csv, header, rankColumns, name);
        if (part.Error is { } error)
        {
            throw error;
        }

        return Merge([part], name, seats, header.Line);
    }

    // The columns rank1 ... rankN (any case, any order; rank1 required), in rank order.
    private static CsvHeader ReadHeader(CsvReader csv, out int[] rankColumns)
    {
        var header = CsvHeader.Read(csv, "rank1 ... rankN");
        header.Required("rank1");
        var ranks = new List<(int Column, int Rank)>();
        for (var i = 0; i < header.Names.Count; i++)
        {
            var f = header.Names[i];
            if (f.StartsWith("rank", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(f.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var rank) && rank >= 1)
            {
                ranks.Add((i, rank));
            }
        }

        rankColumns = [.. ranks.OrderBy(r => r.Rank).Select(r => r.Column)];
        return header;
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

        public long Lines { get; set; }

        public long TrailingBlankLine { get; set; }

        public InputFormatException? Error { get; set; }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Part ReadPart(CsvReader csv, CsvHeader header, int[] rankColumns, string name)
    {
        var part = new Part { Names = new NameTable(), Tally = new RankingTally() };
        var names = part.Names;
        var tally = part.Tally;
        var cells = new int[rankColumns.Length];
        var stamp = new int[16];
        var row = 0;
        try
        {
            while (csv.Read())
            {
                row++;
                header.CheckWidth(csv);
                var filled = 0;
                for (var k = 0; k < cells.Length; k++)
                {
                    var field = csv.GetBytes(rankColumns[k]);
                    if (!field.IsEmpty && (field[0] == (byte)' ' || field[^1] == (byte)' ' || field[0] == (byte)'\t' || field[^1] == (byte)'\t'))
                    {
                        field = field.Trim(" \t"u8);
                    }

                    if (field.IsEmpty)
                    {
                        cells[k] = RankingTally.Gap;
                        continue;
                    }

                    var id = names.GetOrAdd(field);
                    if (stamp.Length <= id)
                    {
                        Array.Resize(ref stamp, Math.Max(stamp.Length * 2, id + 1));
                    }

                    if (stamp[id] == row)
                    {
                        throw csv.Error($"candidate '{names.Name(id)}' is ranked more than once.");
                    }

                    stamp[id] = row;
                    cells[k] = id;
                    filled = k + 1;
                }

                tally.Add(cells.AsSpan(0, filled), 1);
            }
        }
        catch (InputFormatException ex)
        {
            part.Error = ex;
        }

        part.Rows = row;
        part.Lines = csv.NextLine - 1;
        part.TrailingBlankLine = csv.TrailingBlankLine;
        return part;
    }

    private static Election Merge(Part[] parts, string name, int seats, long headerLine)
    {
        if (parts.Sum(p => p.Rows) == 0)
        {
            throw new InputFormatException(name, headerLine, "the file has a header but no ballots.");
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
            throw new InputFormatException(name, 0, $"{seats} seats but only {sorted.Count} candidates.");
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
