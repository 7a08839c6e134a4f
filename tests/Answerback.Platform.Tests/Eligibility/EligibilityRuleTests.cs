using Answerback.Platform.Eligibility;

namespace Answerback.Platform.Tests.Eligibility;

public class EligibilityRuleTests
{
    [Fact]
    public void ToJson_NestedRule_RoundTrips()
    {
        var area = Guid.NewGuid();
        var organisation = Guid.NewGuid();
        EligibilityRule rule = new AllOf(new AnyoneSignedIn(), new AnyOf(new MemberOf(organisation), new VerifiedResidentOf(area), new SelfDeclaredResidentOf(area)));

        var json = rule.ToJson();
        var back = EligibilityRule.FromJson(json);

        Assert.Contains("\"rule\":\"all-of\"", json, StringComparison.Ordinal);
        Assert.Equal(rule, back);
        Assert.NotEqual(rule, new AllOf(new AnyoneSignedIn()));
    }
}
