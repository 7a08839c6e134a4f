using System.Globalization;
using System.Text;

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
    /// <exception cref="BallotFileException">The file is empty or malformed; the message names the file and line.</exception>
    public static Election Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Read(stream, path);
    }

    /// <summary>Reads BLT text from a stream; <paramref name="name"/> names it in error messages.</summary>
    public static Election Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        var lineNo = 0;
        string? line;
        do
        {
            line = reader.ReadLine();
            lineNo++;
        }
        while (line is not null && line.Trim().Length == 0);

        if (line is null)
        {
            throw new BallotFileException(name, 0, "the file is empty; expected a first line 'candidates seats'.");
        }

        // Some published files (exported through a spreadsheet) end every line with a comma: tolerate that variant.
        var trailingComma = line.TrimEnd().EndsWith(',');
        var header = line.TrimEnd().TrimEnd(',').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (header.Length != 2 || !int.TryParse(header[0], NumberStyles.None, CultureInfo.InvariantCulture, out var candidateCount)
            || !int.TryParse(header[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seats) || candidateCount < 1 || seats < 1)
        {
            throw new BallotFileException(name, lineNo, $"expected 'candidates seats' (two positive whole numbers), found '{line.Trim()}'.");
        }

        if (seats > candidateCount)
        {
            throw new BallotFileException(name, lineNo, $"{seats} seats but only {candidateCount} candidates.");
        }

        var headerLine = lineNo;
        var withdrawn = new List<int>();
        var ballots = new List<Ballot>();
        var ranks = new List<int[]>();
        var terminated = false;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            var span = line.AsSpan().Trim();
            if (trailingComma && span.EndsWith(','))
            {
                span = span[..^1].TrimEnd();
            }

            if (span.IsEmpty)
            {
                continue;
            }

            if (span[0] == '-' && ballots.Count == 0 && withdrawn.Count == 0)
            {
                foreach (var range in span.Split(' '))
                {
                    var token = span[range].Trim();
                    if (token.IsEmpty)
                    {
                        continue;
                    }

                    if (!int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var w) || w >= 0 || -w > candidateCount)
                    {
                        throw new BallotFileException(name, lineNo, $"expected withdrawn candidates as negative numbers from -1 to -{candidateCount}, found '{token}'.");
                    }

                    withdrawn.Add(-w - 1);
                }

                continue;
            }

            if (span.SequenceEqual("0"))
            {
                terminated = true;
                break;
            }

            ballots.Add(ParseBallot(span, name, lineNo, candidateCount, ranks));
        }

        if (!terminated)
        {
            throw new BallotFileException(name, lineNo, "the ballots are not ended by a line '0' before the candidate names.");
        }

        var names = new List<string>();
        string? title = null;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            var text = line.Trim();
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
            throw new BallotFileException(name, lineNo, $"expected {candidateCount} candidate names after the '0' line, found {names.Count}.");
        }

        try
        {
            return new Election(names, ballots, seats, withdrawn, title);
        }
        catch (CountingException ex)
        {
            throw new BallotFileException(name, headerLine, ex.Message);
        }
    }

    private static Ballot ParseBallot(ReadOnlySpan<char> span, string name, int lineNo, int candidateCount, List<int[]> ranks)
    {
        ranks.Clear();
        long weight = 0;
        var tokenIndex = 0;
        var ended = false;
        var strict = true;
        Span<bool> seen = candidateCount <= 256 ? stackalloc bool[candidateCount] : new bool[candidateCount];
        foreach (var range in span.Split(' '))
        {
            var token = span[range].Trim('\t');
            if (token.IsEmpty)
            {
                continue;
            }

            if (ended)
            {
                throw new BallotFileException(name, lineNo, $"unexpected '{token}' after the 0 that ends the ballot.");
            }

            if (tokenIndex++ == 0)
            {
                if (!long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out weight) || weight <= 0)
                {
                    throw new BallotFileException(name, lineNo, $"expected a positive whole-number weight at the start of the ballot, found '{token}'.");
                }

                continue;
            }

            if (token.SequenceEqual("0"))
            {
                ended = true;
                continue;
            }

            if (token.SequenceEqual("-"))
            {
                ranks.Add([]);
                strict = false;
                continue;
            }

            var count = token.Count('=') + 1;
            strict &= count == 1;
            var rank = new int[count];
            var k = 0;
            foreach (var part in token.Split('='))
            {
                var piece = token[part];
                if (!int.TryParse(piece, NumberStyles.None, CultureInfo.InvariantCulture, out var c) || c < 1 || c > candidateCount)
                {
                    throw new BallotFileException(name, lineNo, $"expected a candidate number from 1 to {candidateCount}, found '{piece}'.");
                }

                if (seen[c - 1])
                {
                    throw new BallotFileException(name, lineNo, $"candidate {c} is marked more than once on this ballot.");
                }

                seen[c - 1] = true;
                rank[k++] = c - 1;
            }

            ranks.Add(rank);
        }

        if (!ended)
        {
            throw new BallotFileException(name, lineNo, "the ballot line does not end with 0.");
        }

        return strict ? Ballot.Ranked(ranks.Select(r => r[0]), weight) : Ballot.WithRanks(ranks, weight);
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
                throw new BallotFileException(name, lineNo, "unexpected text after the closing quote of a name.");
            }

            var piece = new StringBuilder();
            i++;
            while (true)
            {
                if (i >= text.Length)
                {
                    throw new BallotFileException(name, lineNo, "a quoted name has no closing quote.");
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
