namespace Answerback.Counting.Tests;

public class FixedTests
{
    [Theory]
    [InlineData(0L, 5, "0.00000")]
    [InlineData(20L, 5, "0.00020")]
    [InlineData(272780000L, 5, "2727.80000")]
    [InlineData(-123456L, 5, "-1.23456")]
    [InlineData(-5L, 9, "-0.000000005")]
    [InlineData(33333333334L, 9, "33.333333334")]
    [InlineData(42L, 0, "42")]
    [InlineData(long.MaxValue, 5, "92233720368547.75807")]
    [InlineData(long.MinValue, 5, "-92233720368547.75808")]
    public void Format_Units_ExactDecimalString(long units, int decimals, string expected) =>
        Assert.Equal(expected, Fixed.Format(units, decimals));
}
