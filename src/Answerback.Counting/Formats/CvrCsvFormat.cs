using System.Globalization;
using System.Text;

namespace Answerback.Counting.Formats;

/// <summary>
/// Cast-vote-record CSV: a header row, then one ballot per row. The columns named <c>rank1</c> ...
/// <c>rankN</c> (any case, any order) hold candidate names; other columns (ballot ids, precincts) are
/// ignored. An empty rank cell is a skipped rank: trailing ones end the ballot, inner ones leave a gap.
/// Candidates are every name seen, sorted ordinally, so the order of rows never changes the candidate order.
/// Rows are read as a stream and identical rankings grouped as they arrive: memory grows with distinct
/// ballots, not with rows. Fields may be quoted (RFC 4180) but may not contain line breaks.
/// </summary>
public static class CvrCsvFormat
{
    /// <summary>Reads a CVR CSV file; <paramref name="seats"/> is the number of seats (CSV carries none).</summary>
    /// <exception cref="BallotFileException">The file is empty or malformed; the message names the file and line.</exception>
    public static Election Read(string path, int seats = 1)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Read(stream, path, seats);
    }

    /// <summary>Reads CVR CSV from a stream; <paramref name="name"/> names it in error messages.</summary>
    public static Election Read(Stream stream, string name, int seats = 1)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        var header = reader.ReadLine();
        if (header is null || header.Trim().Length == 0)
        {
            throw new BallotFileException(name, 0, "the file is empty; expected a header row with columns rank1 ... rankN.");
        }

        var fields = new List<string>();
        SplitRow(header, name, 1, fields);
        var rankColumns = new List<(int Column, int Rank)>();
        for (var i = 0; i < fields.Count; i++)
        {
            var f = fields[i].Trim();
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

        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var nameLookup = names.GetAlternateLookup<ReadOnlySpan<char>>();
        var tally = new RankingTally();
        var cells = new int[rankColumns.Count];
        var ranking = new int[rankColumns.Count];
        var stamp = new int[16];
        var row = 0;
        var lineNo = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            if (line.Length == 0)
            {
                continue;
            }

            Array.Fill(cells, -1);
            var span = line.AsSpan();
            var column = 0;
            var pos = 0;
            while (true)
            {
                var field = NextField(span, ref pos, name, lineNo, out var last).Trim();
                var k = column < columnToRank.Length ? columnToRank[column] : -1;
                if (k >= 0 && !field.IsEmpty)
                {
                    if (!nameLookup.TryGetValue(field, out var id))
                    {
                        id = names.Count;
                        nameLookup[field] = id;
                    }

                    cells[k] = id;
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

            row++;
            if (stamp.Length < names.Count)
            {
                Array.Resize(ref stamp, names.Count * 2);
            }

            var n = 0;
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
                        throw new BallotFileException(name, lineNo, $"candidate '{names.First(p => p.Value == id).Key}' is ranked more than once.");
                    }

                    stamp[id] = row;
                }

                ranking[n++] = id < 0 ? RankingTally.Gap : id;
            }

            tally.Add(ranking.AsSpan(0, n), 1);
        }

        if (row == 0)
        {
            throw new BallotFileException(name, lineNo, "the file has a header but no ballots.");
        }

        // Candidates in ordinal name order, so the order of rows never changes the candidate order.
        var sorted = names.Keys.Order(StringComparer.Ordinal).ToList();
        var remap = new int[names.Count];
        for (var i = 0; i < sorted.Count; i++)
        {
            remap[names[sorted[i]]] = i;
        }

        var ballots = tally.Ballots().Select(b => Remap(b, remap));
        if (seats > sorted.Count)
        {
            throw new BallotFileException(name, 0, $"{seats} seats but only {sorted.Count} candidates.");
        }

        return new Election(sorted, ballots, seats);
    }

    private static Ballot Remap(Ballot ballot, int[] remap)
    {
        var ranks = new List<int[]>();
        for (var r = 0; r < ballot.RankCount; r++)
        {
            var rank = ballot.Rank(r).ToArray();
            for (var i = 0; i < rank.Length; i++)
            {
                rank[i] = remap[rank[i]];
            }

            ranks.Add(rank);
        }

        return ballot.IsStrict ? Ballot.Ranked(ranks.Select(r => r[0]), ballot.Weight) : Ballot.WithRanks(ranks, ballot.Weight);
    }

    private static void SplitRow(string line, string name, int lineNo, List<string> fields)
    {
        var pos = 0;
        while (true)
        {
            fields.Add(NextField(line.AsSpan(), ref pos, name, lineNo, out var last).ToString());
            if (last)
            {
                return;
            }
        }
    }

    // Returns the next field; quoted fields with doubled quotes are unescaped into a new string.
    private static ReadOnlySpan<char> NextField(ReadOnlySpan<char> line, ref int pos, string name, int lineNo, out bool last)
    {
        if (pos < line.Length && line[pos] == '"')
        {
            var builder = new StringBuilder();
            var i = pos + 1;
            while (true)
            {
                if (i >= line.Length)
                {
                    throw new BallotFileException(name, lineNo, "a quoted field has no closing quote (line breaks inside fields are not supported).");
                }

                if (line[i] == '"')
                {
                    if (i + 1 < line.Length && line[i + 1] == '"')
                    {
                        builder.Append('"');
                        i += 2;
                        continue;
                    }

                    i++;
                    break;
                }

                builder.Append(line[i++]);
            }

            if (i < line.Length && line[i] != ',')
            {
                throw new BallotFileException(name, lineNo, $"expected a comma after the quoted field at column {i + 1}.");
            }

            last = i >= line.Length;
            pos = i + 1;
            return builder.ToString();
        }

        var comma = line[pos..].IndexOf(',');
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
}
