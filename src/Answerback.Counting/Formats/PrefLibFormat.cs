using System.Globalization;
using System.Text;
using Answerback.Formats;

namespace Answerback.Counting.Formats;

/// <summary>
/// PrefLib's ordinal formats (preflib.org, format of 2022): <c>.soi</c> (strict orders, incomplete) and
/// <c>.toi</c> (orders with ties, incomplete). Metadata lines start with <c>#</c>
/// (<c># TITLE:</c>, <c># NUMBER ALTERNATIVES:</c>, <c># ALTERNATIVE NAME i:</c>); each data line is
/// <c>count: a,b,{c,d},e</c> where braces hold alternatives ranked equal. Alternatives are numbered from 1.
/// </summary>
public static class PrefLibFormat
{
    /// <summary>Reads a PrefLib .soi or .toi file; <paramref name="seats"/> is the number of seats (PrefLib carries none).</summary>
    /// <exception cref="InputFormatException">The file is empty or malformed; the message names the file and line.</exception>
    public static Election Read(string path, int seats = 1)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Read(stream, path, seats);
    }

    /// <summary>Reads PrefLib text from a stream; <paramref name="name"/> names it in error messages.</summary>
    public static Election Read(Stream stream, string name, int seats = 1)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        int? count = null;
        var names = new SortedDictionary<int, string>();
        string? title = null;
        var tally = new RankingTally();
        var ranking = new List<int>();
        var lineNo = 0;
        var any = false;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            var text = line.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            any = true;
            if (text[0] == '#')
            {
                var colon = text.IndexOf(':', StringComparison.Ordinal);
                if (colon < 0)
                {
                    continue;
                }

                var key = text[1..colon].Trim();
                var value = text[(colon + 1)..].Trim();
                if (key.Equals("TITLE", StringComparison.OrdinalIgnoreCase))
                {
                    title = value;
                }
                else if (key.Equals("NUMBER ALTERNATIVES", StringComparison.OrdinalIgnoreCase))
                {
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var c) || c < 1 || c > BallotFiles.MaxCandidates)
                    {
                        throw new InputFormatException(name, lineNo, $"expected a number of alternatives from 1 to {BallotFiles.MaxCandidates}, found '{value}'.");
                    }

                    if (count is { } earlier && earlier != c)
                    {
                        // The orders read so far were checked against the first number.
                        throw new InputFormatException(name, lineNo, $"a second '# NUMBER ALTERNATIVES' line says {c}, the first said {earlier}.");
                    }

                    count = c;
                }
                else if (key.StartsWith("ALTERNATIVE NAME", StringComparison.OrdinalIgnoreCase)
                    && int.TryParse(key.AsSpan("ALTERNATIVE NAME".Length).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    names[index] = value;
                }

                continue;
            }

            if (count is null)
            {
                throw new InputFormatException(name, lineNo, "expected '# NUMBER ALTERNATIVES: n' before the first order.");
            }

            var sep = text.IndexOf(':', StringComparison.Ordinal);
            if (sep < 0 || !long.TryParse(text.AsSpan(0, sep).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var weight) || weight <= 0)
            {
                throw new InputFormatException(name, lineNo, $"expected 'count: order' with a positive whole-number count, found '{text}'.");
            }

            ParseOrder(text.AsSpan(sep + 1), count.Value, name, lineNo, ranking);
            try
            {
                tally.Add(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ranking), weight);
            }
            catch (OverflowException)
            {
                throw new InputFormatException(name, lineNo, RankingTally.TotalTooLarge);
            }
        }

        if (!any)
        {
            throw new InputFormatException(name, 0, "the file is empty; expected PrefLib metadata and orders.");
        }

        if (count is null)
        {
            throw new InputFormatException(name, lineNo, "no '# NUMBER ALTERNATIVES: n' line.");
        }

        var candidates = Enumerable.Range(1, count.Value).Select(i => names.TryGetValue(i, out var n) ? n : i.ToString(CultureInfo.InvariantCulture)).ToList();
        if (seats > candidates.Count)
        {
            throw new InputFormatException(name, 0, $"{seats} seats but only {candidates.Count} candidates.");
        }

        return new Election(candidates, tally.Ballots(), seats, title: title);
    }

    private static void ParseOrder(ReadOnlySpan<char> order, int count, string name, int lineNo, List<int> ranking)
    {
        ranking.Clear();
        var seen = new HashSet<int>();
        var inBraces = false;
        var firstInBraces = false;
        var i = 0;
        while (i < order.Length)
        {
            var ch = order[i];
            if (ch is ' ' or ',')
            {
                i++;
                continue;
            }

            if (ch == '{')
            {
                if (inBraces)
                {
                    throw new InputFormatException(name, lineNo, "nested '{' in an order.");
                }

                inBraces = true;
                firstInBraces = true;
                i++;
                continue;
            }

            if (ch == '}')
            {
                if (!inBraces)
                {
                    throw new InputFormatException(name, lineNo, "'}' without '{' in an order.");
                }

                inBraces = false;
                i++;
                continue;
            }

            var start = i;
            while (i < order.Length && char.IsAsciiDigit(order[i]))
            {
                i++;
            }

            if (start == i || !int.TryParse(order[start..i], NumberStyles.None, CultureInfo.InvariantCulture, out var alt) || alt < 1 || alt > count)
            {
                throw new InputFormatException(name, lineNo, $"expected an alternative number from 1 to {count} at position {start + 1} of the order.");
            }

            if (!seen.Add(alt))
            {
                throw new InputFormatException(name, lineNo, $"alternative {alt} appears more than once in the order.");
            }

            if (inBraces && !firstInBraces)
            {
                ranking.Add(RankingTally.Tie);
            }

            firstInBraces = false;
            ranking.Add(alt - 1);
        }

        if (inBraces)
        {
            throw new InputFormatException(name, lineNo, "'{' without '}' in an order.");
        }
    }
}
