using System.Text;

namespace Answerback.Fuzz;

/// <summary>
/// Byte-level mutations aimed at text formats: bit flips, byte insert/delete, chunk duplication and splicing
/// with another seed, boundary numbers, quote/separator/newline injection, truncation, invalid UTF-8, huge
/// counts and lengths, deep JSON nesting. One to four are stacked per input. Deterministic for a seed.
/// </summary>
internal sealed class Mutator(Random random)
{
    /// <summary>Inputs are kept under this size so a run stays fast; huge-length mutations go up to it.</summary>
    public const int MaxInput = 1 << 20;

    private static readonly string[] BoundaryNumbers =
    [
        "0", "-0", "-1", "1", "2", "00", "01", "+1", "1.5", "1e3", "1e309", "-1e309", "NaN", "Infinity",
        "127", "128", "255", "256", "32767", "32768", "65535", "65536",
        "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967295", "4294967296",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "18446744073709551615",
        "99999999999999999999999999999999", "0x10", "١٢٣", "1_000", "", " ",
    ];

    private static readonly string[] Tokens =
    [
        "\"", "\"\"", "'", ",", ",,", ";", "\t", "\n", "\r\n", "\r", "\n\n", " ", "=", "-", "- ", "0", " 0",
        "{", "}", "[", "]", ":", "\\", "\\\"", "\\u0000", "\\ud800", "\\uDFFF", "\u0000", "#", "# NUMBER ALTERNATIVES: 0\n",
        "null", "true", "[]", "{}", "\"\":\"\"", "\"a\":", "{\"a\":1}", "\u2028", "\uFEFF", "<", ">", "&amp;", "&#x0;", "&#99999999;",
        "RT @", "RT @x", "http://", "https://x.com/a/status/", "at://", "/statuses/", "=\"", "\"\",\"\"",
    ];

    private static readonly byte[][] BadUtf8 =
    [
        [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xF8, 0x88, 0x80, 0x80, 0x80],
        [0xFF], [0xFE], [0xFF, 0xFE], [0xFE, 0xFF], [0xEF, 0xBB, 0xBF], [0x80], [0xBF], [0xF4, 0x90, 0x80, 0x80], [0x00],
    ];

    private static readonly byte[] Interesting = [0, 1, 0x7F, 0x80, 0xFF, (byte)'"', (byte)',', (byte)'\n', (byte)'\r', (byte)'{', (byte)'}',
        (byte)'[', (byte)']', (byte)':', (byte)'=', (byte)'-', (byte)'0', (byte)'9', (byte)' ', (byte)'\\', (byte)'#', (byte)'<'];

    /// <summary>Names of the mutators, for the report.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "bit-flip", "byte-set", "byte-insert", "byte-delete", "chunk-duplicate", "splice", "boundary-number", "token-inject",
        "truncate", "invalid-utf8", "huge-count", "huge-length", "deep-nesting", "line-duplicate", "line-delete", "line-swap",
    ];

    /// <summary>One mutant of <paramref name="input"/>; <paramref name="other"/> is a second seed for splicing.</summary>
    public byte[] Mutate(byte[] input, byte[] other)
    {
        var data = new List<byte>(input);
        var count = 1 + random.Next(random.Next(4) == 0 ? 8 : 3);
        for (var m = 0; m < count; m++)
        {
            Apply(random.Next(Names.Count), data, other);
            if (data.Count > MaxInput)
            {
                data.RemoveRange(MaxInput, data.Count - MaxInput);
            }
        }

        return [.. data];
    }

    private void Apply(int which, List<byte> data, byte[] other)
    {
        var n = data.Count;
        switch (which)
        {
            case 0 when n > 0:
                for (var k = 1 + random.Next(8); k > 0; k--)
                {
                    var at = random.Next(n);
                    data[at] ^= (byte)(1 << random.Next(8));
                }

                break;
            case 1 when n > 0:
                data[random.Next(n)] = random.Next(2) == 0 ? Interesting[random.Next(Interesting.Length)] : (byte)random.Next(256);
                break;
            case 2:
                data.Insert(random.Next(n + 1), random.Next(2) == 0 ? Interesting[random.Next(Interesting.Length)] : (byte)random.Next(256));
                break;
            case 3 when n > 0:
                {
                    var at = random.Next(n);
                    data.RemoveRange(at, Math.Min(n - at, 1 + random.Next(random.Next(2) == 0 ? 4 : 64)));
                    break;
                }

            case 4 when n > 0:
                {
                    var (from, length) = Range(n);
                    var chunk = data.GetRange(from, length);
                    var copies = random.Next(4) == 0 ? 1 + random.Next(64) : 1;
                    var at = random.Next(n + 1);
                    for (var c = 0; c < copies; c++)
                    {
                        data.InsertRange(at, chunk);
                    }

                    break;
                }

            case 5 when other.Length > 0:
                {
                    var cut = random.Next(n + 1);
                    var from = random.Next(other.Length);
                    data.RemoveRange(cut, n - cut);
                    data.AddRange(other.AsSpan(from, Math.Min(other.Length - from, 1 + random.Next(4096))).ToArray());
                    break;
                }

            case 6:
                ReplaceNumber(data, BoundaryNumbers[random.Next(BoundaryNumbers.Length)]);
                break;
            case 7:
                data.InsertRange(random.Next(n + 1), Encoding.UTF8.GetBytes(Tokens[random.Next(Tokens.Length)]));
                break;
            case 8 when n > 0:
                {
                    // Mostly a cut-off end (an interrupted download), sometimes a lost beginning.
                    var cut = random.Next(n);
                    if (random.Next(4) == 0)
                    {
                        data.RemoveRange(0, cut);
                    }
                    else
                    {
                        data.RemoveRange(cut, n - cut);
                    }

                    break;
                }
            case 9:
                {
                    var bad = BadUtf8[random.Next(BadUtf8.Length)];
                    if (n > 0 && random.Next(2) == 0)
                    {
                        var at = random.Next(n);
                        data.RemoveAt(at);
                        data.InsertRange(at, bad);
                    }
                    else
                    {
                        data.InsertRange(random.Next(n + 1), bad);
                    }

                    break;
                }

            case 10:
                ReplaceNumber(data, random.Next(3) switch
                {
                    0 => "1000000000",
                    1 => "2000000000",
                    _ => new string('9', 1 + random.Next(40)),
                });
                break;
            case 11:
                {
                    var length = random.Next(3) switch { 0 => 1 << 10, 1 => 1 << 16, _ => 1 << 19 };
                    var fill = Interesting[random.Next(Interesting.Length)];
                    data.InsertRange(random.Next(n + 1), Enumerable.Repeat(random.Next(2) == 0 ? (byte)'A' : fill, length));
                    break;
                }

            case 12:
                {
                    var depth = random.Next(3) switch { 0 => 65, 1 => 1000, _ => 100_000 };
                    var open = random.Next(3) switch { 0 => "[", 1 => "{\"a\":", _ => "{\"replies\":[{\"post\":{},\"parent\":" };
                    var close = open switch { "[" => "]", "{\"a\":" => "}", _ => "}]}" };
                    var at = random.Next(n + 1);
                    var text = new StringBuilder();
                    for (var d = 0; d < depth && text.Length < MaxInput / 2; d++)
                    {
                        text.Append(open);
                    }

                    var opened = text.Length / open.Length;
                    text.Append('1');
                    if (random.Next(2) == 0)
                    {
                        text.Insert(text.Length, close, opened);
                    }

                    data.InsertRange(at, Encoding.UTF8.GetBytes(text.ToString()));
                    break;
                }

            case 13 when n > 0:
                {
                    var (start, end) = Line(data);
                    var line = data.GetRange(start, end - start);
                    var copies = random.Next(3) == 0 ? 1 + random.Next(1000) : 1;
                    for (var c = 0; c < copies && data.Count < MaxInput; c++)
                    {
                        data.InsertRange(end, line);
                    }

                    break;
                }

            case 14 when n > 0:
                {
                    var (start, end) = Line(data);
                    data.RemoveRange(start, end - start);
                    break;
                }

            case 15 when n > 0:
                {
                    var (s1, e1) = Line(data);
                    var first = data.GetRange(s1, e1 - s1);
                    data.RemoveRange(s1, e1 - s1);
                    if (data.Count > 0)
                    {
                        var (s2, _) = Line(data);
                        data.InsertRange(s2, first);
                    }
                    else
                    {
                        data.AddRange(first);
                    }

                    break;
                }

            default:
                data.Insert(random.Next(n + 1), Interesting[random.Next(Interesting.Length)]);
                break;
        }
    }

    private (int From, int Length) Range(int n)
    {
        var from = random.Next(n);
        var length = 1 + random.Next(Math.Min(n - from, random.Next(2) == 0 ? 16 : 512));
        return (from, length);
    }

    /// <summary>A whole line (with its newline) picked at random.</summary>
    private (int Start, int End) Line(List<byte> data)
    {
        var at = random.Next(data.Count);
        var start = at;
        while (start > 0 && data[start - 1] != (byte)'\n')
        {
            start--;
        }

        var end = at;
        while (end < data.Count && data[end] != (byte)'\n')
        {
            end++;
        }

        return (start, Math.Min(data.Count, end + 1));
    }

    /// <summary>Replaces a run of digits picked at random (or inserts where there is none).</summary>
    private void ReplaceNumber(List<byte> data, string replacement)
    {
        var bytes = Encoding.UTF8.GetBytes(replacement);
        var n = data.Count;
        if (n == 0)
        {
            data.AddRange(bytes);
            return;
        }

        var at = random.Next(n);
        var probe = at;
        while (probe < n && !IsDigit(data[probe]))
        {
            probe++;
        }

        if (probe == n)
        {
            probe = at;
            while (probe > 0 && !IsDigit(data[probe]))
            {
                probe--;
            }
        }

        if (!IsDigit(data[probe]))
        {
            data.InsertRange(at, bytes);
            return;
        }

        var start = probe;
        while (start > 0 && (IsDigit(data[start - 1]) || data[start - 1] == (byte)'-'))
        {
            start--;
        }

        var end = probe;
        while (end < n && (IsDigit(data[end]) || data[end] == (byte)'.'))
        {
            end++;
        }

        data.RemoveRange(start, end - start);
        data.InsertRange(start, bytes);
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';
}
