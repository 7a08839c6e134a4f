using Answerback.Platform.Primaries;

namespace Answerback.Platform.Tests.Primaries;

public class TrackingCodesTests
{
    [Fact]
    public void Alphabet_Has32SymbolsAndNoLookAlikes()
    {
        Assert.Equal(32, TrackingCodes.Alphabet.Length);
        Assert.Equal(32, TrackingCodes.Alphabet.Distinct().Count());
        foreach (var lookAlike in "ILOU")
        {
            Assert.DoesNotContain(lookAlike, TrackingCodes.Alphabet);
        }

        Assert.All(TrackingCodes.Alphabet, c => Assert.True(char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c)));
    }

    [Fact]
    public void New_TenSymbolsOfTheAlphabet_EverySymbolDrawn()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => TrackingCodes.New()).ToList();

        Assert.All(codes, c =>
        {
            Assert.Equal(10, c.Length);
            Assert.True(TrackingCodes.IsCanonical(c), c);
        });
        Assert.Equal(2000, codes.Distinct(StringComparer.Ordinal).Count());
        // 20,000 draws from 32 symbols: each symbol missing has probability below 10^-270.
        Assert.Equal(TrackingCodes.Alphabet.Order(), codes.SelectMany(c => c).Distinct().Order());
    }

    [Theory]
    [InlineData("K7M2Q-9XW4D", "K7M2Q9XW4D")]
    [InlineData("k7m2q 9xw4d", "K7M2Q9XW4D")]
    [InlineData("o1m2q9xw4d", "01M2Q9XW4D")]
    [InlineData("I1L2Q9XW4D", "1112Q9XW4D")]
    public void TryNormalise_TypedCode_Canonical(string typed, string expected)
    {
        Assert.True(TrackingCodes.TryNormalise(typed, out var code));
        Assert.Equal(expected, code);
    }

    [Theory]
    [InlineData("K7M2Q9XW4")]
    [InlineData("K7M2Q9XW4DD")]
    [InlineData("K7M2Q9XW4U")]
    [InlineData("")]
    [InlineData(null)]
    public void TryNormalise_NotTenSymbols_False(string? typed) => Assert.False(TrackingCodes.TryNormalise(typed, out _));

    [Fact]
    public void Format_TwoGroupsOfFive() => Assert.Equal("K7M2Q-9XW4D", TrackingCodes.Format("K7M2Q9XW4D"));

    [Theory]
    [InlineData("K7M2Q9XW4D", true)]
    [InlineData("k7m2q9xw4d", false)]
    [InlineData("K7M2Q-9XW4D", false)]
    [InlineData("K7M2Q9XW4O", false)]
    public void IsCanonical_OnlyTheBoardsForm(string code, bool expected) => Assert.Equal(expected, TrackingCodes.IsCanonical(code));
}
