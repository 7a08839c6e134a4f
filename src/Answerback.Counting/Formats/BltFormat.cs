using System.Globalization;
using System.Text;
using Answerback.Formats;

namespace Answerback.Counting.Formats;

/// <summary>
/// The BLT ballot format (OpenSTV, ERS, Droop): a line <c>candidates seats</c>; an optional line of withdrawn
/// candidates as negative numbers (<c>-2 -5</c>); one line per ballot, <c>weight pref pref ... 0</c>
/// (<c>a=b</c> ranks two candidates equal, <c>-</c> leaves a rank empty); a line <c>0</c>; the candidate
/// names, one a line, optionally in double quotes (a doubled quote inside stands for one); the title.
/// </summary>
public static class BltFormat
{
    /// <summary>Reads a BLT file.</summary>
    /// <exception cref="InputFormatException">The file is empty or malformed; the message names the file and line.</exception>
    public static Election Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        // Buffer size 1: ByteLineReader buffers itself.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return Read(stream, path);
    }

    /// <summary>Reads BLT text from a stream; <paramref name="name"/> names it in error messages.</summary>
    public static Election Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var reader = new ByteLineReader(stream);
        var lineNo = 0;
        string? line = null;
        while (reader.TryReadLine(out var bytes))
        {
            lineNo++;
            line = Encoding.UTF8.GetString(bytes).Trim();
            if (line.Length > 0)
            {
                break;
            }
        }

        if (string.IsNullOrEmpty(line))
        {
            throw new InputFormatException(name, 0, "the file is empty; expected a first line 'candidates seats'.");
        }

        // Some published files (exported through a spreadsheet) end every line with a comma: tolerate that variant.
        var trailingComma = line.EndsWith(',');
        var header = line.TrimEnd(',').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (header.Length != 2 || !int.TryParse(header[0], NumberStyles.None, CultureInfo.InvariantCulture, out var candidateCount)
            || !int.TryParse(header[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seats) || candidateCount < 1 || seats < 1)
        {
            throw new InputFormatException(name, lineNo, $"expected 'candidates seats' (two positive whole numbers), found '{line}'.");
        }

        if (seats > candidateCount)
        {
            throw new InputFormatException(name, lineNo, $"{seats} seats but only {candidateCount} candidates.");
        }

        if (candidateCount > BallotFiles.MaxCandidates)
        {
            throw new InputFormatException(name, lineNo, $"{candidateCount} candidates; at most {BallotFiles.MaxCandidates} are supported.");
        }

        var headerLine = lineNo;
        var withdrawn = new List<int>();
        // Identical ballot lines are grouped as they are read, so memory grows with distinct ballots even for a
        // file written one line per ballot.
        var tally = new RankingTally();
        var ballotLines = 0;
        var parser = new BallotLineParser(candidateCount, name);
        var terminated = false;
        while (reader.TryReadLine(out var bytes))
        {
            lineNo++;
            var span = bytes.Trim(" \t"u8);
            if (trailingComma && span.EndsWith(","u8))
            {
                span = span[..^1].TrimEnd(" \t"u8);
            }

            if (span.IsEmpty)
            {
                continue;
            }

            if (span[0] == (byte)'-' && ballotLines == 0 && withdrawn.Count == 0)
            {
                var text = Encoding.UTF8.GetString(span);
                foreach (var token in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
                {
                    if (!int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var w) || w >= 0 || w < -candidateCount)
                    {
                        throw new InputFormatException(name, lineNo, $"expected withdrawn candidates as negative numbers from -1 to -{candidateCount}, found '{token}'.");
                    }

                    withdrawn.Add(-w - 1);
                }

                continue;
            }

            if (span.Length == 1 && span[0] == (byte)'0')
            {
                terminated = true;
                break;
            }

            var ranking = parser.Parse(span, lineNo, out var weight);
            try
            {
                tally.Add(ranking, weight);
            }
            catch (OverflowException)
            {
                throw new InputFormatException(name, lineNo, RankingTally.TotalTooLarge);
            }

            ballotLines++;
        }

        if (!terminated)
        {
            throw new InputFormatException(name, lineNo, "the ballots are not ended by a line '0' before the candidate names.");
        }

        var names = new List<string>();
        string? title = null;
        while (reader.TryReadLine(out var bytes))
        {
            lineNo++;
            var text = Encoding.UTF8.GetString(bytes).Trim();
            if (trailingComma && text.EndsWith(','))
            {
                text = text[..^1].TrimEnd();
            }

            if (text.Length == 0)
            {
                continue;
            }

            var value = Unquote(text, name, lineNo);
            if (names.Count < candidateCount)
            {
                names.Add(value);
            }
            else if (title is null)
            {
                title = value;
            }
        }

        if (names.Count < candidateCount)
        {
            throw new InputFormatException(name, lineNo, $"expected {candidateCount} candidate names after the '0' line, found {names.Count}.");
        }

        try
        {
            return new Election(names, tally.TakeBallots([.. Enumerable.Range(0, candidateCount)]), seats, withdrawn, title);
        }
        catch (CountingException ex)
        {
            throw new InputFormatException(name, headerLine, ex.Message);
        }
    }

    /// <summary>Parses <c>weight pref pref ... 0</c> from bytes; reuses its buffers across lines.</summary>
    private sealed class BallotLineParser(int candidateCount, string name)
    {
        // Gaps are limited to 2 per candidate plus 2; after them, each candidate takes up to 2 more entries (itself and
        // a tie mark), so the buffer holds both.
        private readonly int _maxGaps = (candidateCount * 2) + 2;
        private readonly int[] _buffer = new int[(candidateCount * 4) + 2];
        private readonly int[] _seen = new int[candidateCount];
        private int _line;

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public ReadOnlySpan<int> Parse(ReadOnlySpan<byte> span, int lineNo, out long weight)
        {
            _line++;
            var i = 0;
            weight = ReadNumber(span, ref i, lineNo, isWeight: true);
            var n = 0;
            var ended = false;
            while (true)
            {
                while (i < span.Length && (span[i] == (byte)' ' || span[i] == (byte)'\t'))
                {
                    i++;
                }

                if (i >= span.Length)
                {
                    break;
                }

                if (ended)
                {
                    throw new InputFormatException(name, lineNo, $"unexpected '{Token(span, i)}' after the 0 that ends the ballot.");
                }

                if (span[i] == (byte)'-' && (i + 1 == span.Length || span[i + 1] == (byte)' ' || span[i + 1] == (byte)'\t'))
                {
                    if (n >= _maxGaps)
                    {
                        throw new InputFormatException(name, lineNo, "too many ranks for the number of candidates.");
                    }

                    _buffer[n++] = RankingTally.Gap;
                    i++;
                    continue;
                }

                var c = ReadNumber(span, ref i, lineNo, isWeight: false);
                if (c == 0)
                {
                    ended = true;
                    continue;
                }

                Mark(c, lineNo);
                _buffer[n++] = (int)c - 1;
                while (i < span.Length && span[i] == (byte)'=')
                {
                    i++;
                    var tied = ReadNumber(span, ref i, lineNo, isWeight: false);
                    if (tied == 0)
                    {
                        throw new InputFormatException(name, lineNo, $"expected a candidate number from 1 to {candidateCount} after '='.");
                    }

                    Mark(tied, lineNo);
                    _buffer[n++] = RankingTally.Tie;
                    _buffer[n++] = (int)tied - 1;
                }
            }

            if (!ended)
            {
                throw new InputFormatException(name, lineNo, "the ballot line does not end with 0.");
            }

            return _buffer.AsSpan(0, n);
        }

        private void Mark(long c, int lineNo)
        {
            if (_seen[c - 1] == _line)
            {
                throw new InputFormatException(name, lineNo, $"candidate {c} is marked more than once on this ballot.");
            }

            _seen[c - 1] = _line;
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        private long ReadNumber(ReadOnlySpan<byte> span, ref int i, int lineNo, bool isWeight)
        {
            var start = i;
            long value = 0;
            while (i < span.Length && span[i] >= (byte)'0' && span[i] <= (byte)'9')
            {
                if (value > (long.MaxValue / 10) - 10 || (!isWeight && value > candidateCount))
                {
                    value = long.MaxValue; // out of range: reported below
                }
                else
                {
                    value = (value * 10) + (span[i] - (byte)'0');
                }

                i++;
            }

            var endsHere = i >= span.Length || span[i] == (byte)' ' || span[i] == (byte)'\t' || (!isWeight && span[i] == (byte)'=');
            if (isWeight && (i == start || !endsHere || value <= 0 || value == long.MaxValue))
            {
                throw new InputFormatException(name, lineNo, $"expected a positive whole-number weight at the start of the ballot, found '{Token(span, start)}'.");
            }

            if (!isWeight && (i == start || !endsHere || value > candidateCount))
            {
                throw new InputFormatException(name, lineNo, $"expected a candidate number from 1 to {candidateCount}, found '{Token(span, start)}'.");
            }

            return value;
        }

        private static string Token(ReadOnlySpan<byte> span, int start)
        {
            var end = start;
            while (end < span.Length && span[end] != (byte)' ' && span[end] != (byte)'\t' && span[end] != (byte)'=')
            {
                end++;
            }

            return Encoding.UTF8.GetString(span[start..Math.Max(end, Math.Min(start + 1, span.Length))]);
        }
    }

    // A quoted name may be followed by further quoted parts ("Name" "Party"), as in some published files:
    // they are kept, in quotes, after the name, the same as the doubled-quote style "Name ""Party""".
    private static string Unquote(string text, string name, int lineNo)
    {
        if (text[0] != '"')
        {
            return text;
        }

        var builder = new StringBuilder();
        var i = 0;
        var part = 0;
        while (i < text.Length)
        {
            if (text[i] == ' ' || text[i] == '\t')
            {
                i++;
                continue;
            }

            if (text[i] != '"')
            {
                throw new InputFormatException(name, lineNo, "unexpected text after the closing quote of a name.");
            }

            var piece = new StringBuilder();
            i++;
            while (true)
            {
                if (i >= text.Length)
                {
                    throw new InputFormatException(name, lineNo, "a quoted name has no closing quote.");
                }

                if (text[i] == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        piece.Append('"');
                        i += 2;
                        continue;
                    }

                    i++;
                    break;
                }

                piece.Append(text[i++]);
            }

            if (part++ == 0)
            {
                builder.Append(piece);
            }
            else
            {
                builder.Append(" \"").Append(piece).Append('"');
            }
        }

        return builder.ToString();
    }

    /// <summary>Writes an election as BLT (names and title quoted, withdrawn candidates on the second line).</summary>
    public static void Write(Election election, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(string.Create(CultureInfo.InvariantCulture, $"{election.Candidates.Count} {election.Seats}\n"));
        if (election.Withdrawn.Count > 0)
        {
            writer.Write(string.Join(' ', election.Withdrawn.Select(w => (-(w + 1)).ToString(CultureInfo.InvariantCulture))));
            writer.Write('\n');
        }

        foreach (var ballot in election.Ballots)
        {
            writer.Write(ballot.ToString());
            writer.Write(" 0\n");
        }

        writer.Write("0\n");
        foreach (var candidate in election.Candidates)
        {
            writer.Write(Quote(candidate));
            writer.Write('\n');
        }

        writer.Write(Quote(election.Title ?? string.Empty));
        writer.Write('\n');
    }

    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
