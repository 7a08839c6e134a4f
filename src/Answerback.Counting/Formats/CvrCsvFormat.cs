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
    /// <summary>Reads a CVR CSV file; <paramref name="seats"/> is the number of seats (CSV carries none).</summary>
    /// <exception cref="BallotFileException">The file is empty or malformed; the message names the file and line.</exception>
    public static Election Read(string path, int seats = 1)
    {
        ArgumentNullException.ThrowIfNull(path);
        // Buffer size 1: ByteLineReader buffers itself.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return Read(stream, path, seats);
    }

    /// <summary>Reads CVR CSV from a stream; <paramref name="name"/> names it in error messages.</summary>
    public static Election Read(Stream stream, string name, int seats = 1)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var reader = new ByteLineReader(stream);
        if (!reader.TryReadLine(out var headerBytes) || headerBytes.Trim(" \t"u8).IsEmpty)
        {
            throw new BallotFileException(name, 0, "the file is empty; expected a header row with columns rank1 ... rankN.");
        }

        var header = Encoding.UTF8.GetString(headerBytes);
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

        var names = new NameTable();
        var tally = new RankingTally();
        var cells = new int[rankColumns.Count];
        var ranking = new int[rankColumns.Count];
        var stamp = new int[16];
        var row = 0;
        var lineNo = 1;
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

        if (row == 0)
        {
            throw new BallotFileException(name, lineNo, "the file has a header but no ballots.");
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
