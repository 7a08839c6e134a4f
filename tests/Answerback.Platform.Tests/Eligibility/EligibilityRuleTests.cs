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

    [Fact]
    public void ToJson_VerifiedResidentOfAttestedBy_RoundTripsTheOrganisation()
    {
        var area = Guid.NewGuid();
        var organisation = Guid.NewGuid();
        EligibilityRule rule = new AnyOf(new VerifiedResidentOf(area, attestedBy: organisation));

        var back = EligibilityRule.FromJson(rule.ToJson());

        Assert.Equal(rule, back);
        Assert.Equal(organisation, ((VerifiedResidentOf)((AnyOf)back).Rules[0]).AttestedBy);
        Assert.NotEqual(rule, new AnyOf(new VerifiedResidentOf(area)));
    }

    [Fact]
    public void FromJson_VerifiedResidentOfWithoutAttestedBy_LoadsAsAnyRegister()
    {
        var area = Guid.NewGuid();
        // As written before AttestedBy existed.
        var old = $$"""{"rule":"verified-resident-of","AreaId":"{{area}}"}""";

        var back = EligibilityRule.FromJson(old);

        Assert.Equal(new VerifiedResidentOf(area), back);
        Assert.Null(((VerifiedResidentOf)back).AttestedBy);
        Assert.Equal(old, back.ToJson());
    }
}
