using System.Security.Cryptography;
using System.Text;
using Answerback.Platform.Residency;
using FsCheck;
using FsCheck.Xunit;

namespace Answerback.Platform.Tests.Residency;

public class ResidencyHasherTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void HashEntry_IsHmacSha256OfTheNormalisedParts()
    {
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes("register\nAB1-23\nCB12AB")));
        Assert.Equal(expected, ResidencyHasher.HashEntry(Key, "AB1-23", "CB12AB"));
    }

    [Fact]
    public void HashEntry_DifferentKey_DifferentHash()
    {
        var other = Key.Select(b => (byte)(b ^ 0xFF)).ToArray();
        Assert.NotEqual(ResidencyHasher.HashEntry(Key, "AB1-23", "CB12AB"), ResidencyHasher.HashEntry(other, "AB1-23", "CB12AB"));
    }

    [Fact]
    public void HashEntry_FieldsCannotBeShiftedAcrossTheSeparator()
    {
        Assert.NotEqual(ResidencyHasher.HashEntry(Key, "AB1", "-23CB12AB"), ResidencyHasher.HashEntry(Key, "AB1-23", "CB12AB"));
    }

    [Theory]
    [InlineData("cb1 2ab", "CB12AB")]
    [InlineData("  CB1   2AB ", "CB12AB")]
    [InlineData("sw1a 1aa", "SW1A1AA")]
    public void NormalisePostcode_SpacesAndCase_Removed(string input, string expected)
        => Assert.Equal(expected, ResidencyHasher.NormalisePostcode(input));

    [Theory]
    [InlineData("CB12AB", true)]
    [InlineData("SW1A1AA", true)]
    [InlineData("M11AE", true)]
    [InlineData("12345", false)]
    [InlineData("CB1", false)]
    [InlineData("CB12A1", false)]
    [InlineData("CB1-2AB", false)]
    public void IsPostcode_UkShapes(string postcode, bool expected)
        => Assert.Equal(expected, ResidencyHasher.IsPostcode(postcode));

    [Property]
    public bool NormalisePostcode_IsIdempotent(NonNull<string> text)
    {
        var once = ResidencyHasher.NormalisePostcode(text.Get);
        return once == ResidencyHasher.NormalisePostcode(once);
    }

    [Property]
    public bool NormaliseElectorNumber_IgnoresCaseAndSpaces(NonNull<string> text)
    {
        // Elector numbers are ASCII; case mapping outside ASCII is not symmetric (e.g. U+0130).
        var ascii = new string([.. text.Get.Where(char.IsAscii)]);
        return ResidencyHasher.NormaliseElectorNumber(ascii.ToLowerInvariant() + "  ") == ResidencyHasher.NormaliseElectorNumber(" " + ascii.ToUpperInvariant());
    }

    [Fact]
    public void NormaliseEmail_TrimsAndLowerCases()
        => Assert.Equal("max@example.org", ResidencyHasher.NormaliseEmail("  Max@Example.ORG "));
}
