using System.Globalization;
using System.Numerics;

namespace Answerback.Counting;

/// <summary>Fixed-point helpers: values are integers in units of 10^-decimals.</summary>
internal static class Fixed
{
    private static readonly long[] Powers = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

    public static long Unit(int decimals) => Powers[decimals];

    /// <summary>Formats units as a decimal string with exactly <paramref name="decimals"/> places.</summary>
    public static string Format(long units, int decimals) => Format((BigInteger)units, decimals);

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
