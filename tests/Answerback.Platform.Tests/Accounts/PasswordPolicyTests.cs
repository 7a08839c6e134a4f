using Answerback.Platform.Accounts;

namespace Answerback.Platform.Tests.Accounts;

/// <summary>NIST SP 800-63B: length and a blocklist, no composition rules (issue 9, finding 10).</summary>
public sealed class PasswordPolicyTests
{
    [Theory]
    [InlineData("password1")]
    [InlineData("Password1")]
    [InlineData("qwertyuiop")]
    [InlineData("iloveyou1")]
    public void IsCommon_ListedPasswords_AnyCase(string password) => Assert.True(PasswordPolicy.IsCommon(password));

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("plainlowercaseonly")]
    public void IsCommon_UnlistedPasswords_False(string password) => Assert.False(PasswordPolicy.IsCommon(password));

    [Fact]
    public void CommonList_Shipped_TensOfThousands() => Assert.InRange(PasswordPolicy.CommonCount, 30_000, 100_000);
}
