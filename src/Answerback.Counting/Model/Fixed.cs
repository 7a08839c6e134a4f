using System.Globalization;
using System.Numerics;

namespace Answerback.Counting;

/// <summary>Fixed-point helpers: values are integers in units of 10^-decimals.</summary>
internal static class Fixed
{
    private static readonly long[] Powers = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

    private static readonly string[] FractionFormats = ["D0", "D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8", "D9"];

    public static long Unit(int decimals) => Powers[decimals];

    /// <summary>Formats units as a decimal string with exactly <paramref name="decimals"/> places.</summary>
    public static string Format(long units, int decimals)
    {
        // Every figure of every stage goes through here: stay in 64 bits, and fall back to BigInteger only for
        // long.MinValue, whose absolute value 64 bits cannot hold.
        if (decimals == 0 || units == long.MinValue)
        {
            return Format((BigInteger)units, decimals);
        }

        var whole = Math.DivRem(Math.Abs(units), Powers[decimals], out var fraction);
        Span<char> text = stackalloc char[32]; // '-', 19 digits, '.', 9 decimals
        var length = 0;
        if (units < 0)
        {
            text[length++] = '-';
        }

        whole.TryFormat(text[length..], out var written, default, CultureInfo.InvariantCulture);
        length += written;
        text[length++] = '.';
        fraction.TryFormat(text[length..], out written, FractionFormats[decimals], CultureInfo.InvariantCulture);
        return new string(text[..(length + written)]);
    }

    public static string Format(BigInteger units, int decimals)
    {
        if (decimals == 0)
        {
            return units.ToString(CultureInfo.InvariantCulture);
        }

        var negative = units.Sign < 0;
        var abs = BigInteger.Abs(units);
        var unit = new BigInteger(Powers[decimals]);
        var whole = BigInteger.DivRem(abs, unit, out var fraction);
        var text = string.Create(CultureInfo.InvariantCulture, $"{whole}.{fraction.ToString(CultureInfo.InvariantCulture).PadLeft(decimals, '0')}");
        return negative ? "-" + text : text;
    }

    public static string[] FormatAll(long[] units, int decimals, int count)
    {
        var result = new string[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = Format(units[i], decimals);
        }

        return result;
    }
}
