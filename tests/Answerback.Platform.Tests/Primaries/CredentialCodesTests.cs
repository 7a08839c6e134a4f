using System.Security.Cryptography;
using System.Text;
using Answerback.Platform.Primaries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Answerback.Platform.Tests.Primaries;

public class CredentialCodesTests
{
    private const string Symbols = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    // A code as New() makes them, but from FsCheck's generator so failures replay: 19 symbols and their check.
    private static Arbitrary<string> Codes() =>
        Gen.ArrayOf(Gen.Elements(Symbols.ToCharArray()), CredentialCodes.RandomSymbols)
            .Select(body => new string(body) + CredentialCodes.CheckSymbol(new string(body)))
            .ToArbitrary();

    [Fact]
    public void CheckSymbol_KnownAnswer()
    {
        // Computed by hand-written Python from Damm's construction x*y = 2x XOR y in GF(32) mod x^5+x^2+1.
        Assert.Equal('P', CredentialCodes.CheckSymbol("7KQ2M9XDR4TWHB5N3ZC"));
    }

    [Fact]
    public void Quasigroup_IsTotallyAntiSymmetric_Exhaustively()
    {
        // (c*x)*y = (c*y)*x only when x = y, for every c: the property that catches every adjacent swap.
        for (var c = 0; c < 32; c++)
        {
            for (var x = 0; x < 32; x++)
            {
                for (var y = 0; y < 32; y++)
                {
                    Assert.True(x == y || DammCheck.Operate(DammCheck.Operate(c, x), y) != DammCheck.Operate(DammCheck.Operate(c, y), x));
                }
            }
        }
    }

    [Property(MaxTest = 200)]
    public Property EverySingleSubstitution_IsCaught() =>
        Prop.ForAll(Codes(), code =>
        {
            Assert.True(CredentialCodes.TryParse(code, out _, out _));
            for (var i = 0; i < code.Length; i++)
            {
                foreach (var s in Symbols.Where(s => s != code[i]))
                {
                    var typo = code[..i] + s + code[(i + 1)..];
                    Assert.False(CredentialCodes.TryParse(typo, out _, out var error), typo);
                    Assert.Contains("typing mistake", error, StringComparison.Ordinal);
                }
            }
        });

    [Property(MaxTest = 500)]
    public Property EveryAdjacentTransposition_IsCaught() =>
        Prop.ForAll(Codes(), code =>
        {
            for (var i = 0; i + 1 < code.Length; i++)
            {
                if (code[i] != code[i + 1])
                {
                    var swapped = code[..i] + code[i + 1] + code[i] + code[(i + 2)..];
                    Assert.False(CredentialCodes.TryParse(swapped, out _, out _), swapped);
                }
            }
        });

    [Fact]
    public void New_Has95BitsIn20SymbolsAndParses()
    {
        Assert.True(CredentialCodes.EntropyBits >= 80);
        Assert.Equal(95, CredentialCodes.EntropyBits);
        var codes = Enumerable.Range(0, 200).Select(_ => CredentialCodes.New()).ToList();

        Assert.All(codes, c =>
        {
            Assert.Equal(20, c.Length);
            Assert.True(CredentialCodes.TryParse(c, out var parsed, out _));
            Assert.Equal(c, parsed);
        });
        Assert.Equal(200, codes.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("7KQ2-M9XD-R4TW-HB5N-3ZCP")]
    [InlineData("7kq2 m9xd r4tw hb5n 3zcp")]
    [InlineData(" 7KQ2M9XDR4TWHB5N3ZCP ")]
    [InlineData("7kq2-m9xd-r4tw-hb5n-3zcp")]
    public void TryParse_CaseSpacesAndHyphens_DoNotMatter(string typed)
    {
        Assert.True(CredentialCodes.TryParse(typed, out var code, out _));
        Assert.Equal("7KQ2M9XDR4TWHB5N3ZCP", code);
    }

    [Fact]
    public void TryParse_LookAlikeLetters_AreReadAsDigits()
    {
        // A code whose body holds 0 and 1, typed with O and l.
        var body = "0123456789ABCDEFGHJ";
        var code = body + CredentialCodes.CheckSymbol(body);

        Assert.True(CredentialCodes.TryParse("O" + "l" + code[2..], out var parsed, out _));
        Assert.Equal(code, parsed);
    }

    [Theory]
    [InlineData("", "Enter the code")]
    [InlineData("7KQ2-M9XD-R4TW-HB5N", "has 16")]
    [InlineData("7KQ2-M9XD-R4TW-HB5N-3ZCPP", "has 21")]
    [InlineData("7KQ2-M9XD-R4TW-HB5N-3ZCU", "'U' is not used")]
    [InlineData("7KQ2-M9XD-R4TW-HB5N-3ZC!", "'!' is not used")]
    public void TryParse_BadInput_SaysWhatIsWrong(string typed, string expected)
    {
        Assert.False(CredentialCodes.TryParse(typed, out var code, out var error));
        Assert.Null(code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_FiveGroupsOfFour() =>
        Assert.Equal("7KQ2-M9XD-R4TW-HB5N-3ZCP", CredentialCodes.Format("7KQ2M9XDR4TWHB5N3ZCP"));

    [Fact]
    public void Hash_IsHmacSha256OfPrefixPrimaryAndCode()
    {
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes("credential\nromsey-2026\n7KQ2M9XDR4TWHB5N3ZCP")));

        Assert.Equal(expected, CredentialCodes.Hash(Key, "romsey-2026", "7KQ2M9XDR4TWHB5N3ZCP"));
        Assert.NotEqual(expected, CredentialCodes.Hash(Key, "other-primary", "7KQ2M9XDR4TWHB5N3ZCP"));
        Assert.NotEqual(expected, CredentialCodes.Hash([.. Key.Select(b => (byte)~b)], "romsey-2026", "7KQ2M9XDR4TWHB5N3ZCP"));
    }
}
