using Answerback.Platform.Common;
using Answerback.Platform.Areas;
using Answerback.Platform.Eligibility;
using Answerback.Platform.Residency;
using Answerback.Platform.Tests.Infrastructure;

namespace Answerback.Platform.Tests.Residency;

/// <summary>
/// Issue 9, finding 5: any organiser could mint "verified residents" by uploading an invented
/// register. Only an approved register holder's entries count, in the public figures and in rules.
/// </summary>
public abstract class RegisterAttestationTests(TestProvider provider) : PlatformTest(provider)
{
    [Fact]
    public async Task ForgedRegister_CountsNowhereUntilApproved()
    {
        var (city, ward1, _) = await Db.CityWithWardsAsync();
        var forger = await Db.OrganisationAsync("Forgers United");
        var report = await Db.With<ImportRegister, RegisterImportReport>(i => i.ImportAsync(
            Arrange.Csv("elector_number,postcode,area_code\nFK1-1,CB4 2JB,W1\n"), "invented.csv", forger, "C1", Ct));
        Assert.True(report.Succeeded);
        var sock = await Db.PersonAsync("sock@example.org");
        Assert.True((await Db.With<VerifyResidency, Result<VerifiedResidency>>(v => v.VerifyAsync(sock, "FK1-1", "CB4 2JB", Ct))).Succeeded);

        var rule = new VerifiedResidentOf(ward1);
        var before = await Db.With<CheckEligibility, EligibilityDecision>(c => c.CheckAsync(sock, rule, Ct));
        var figures = await Db.With<AreaDirectory, AreaDetails?>(d => d.GetAsync("north-ward", Ct));
        Assert.False(before.IsEligible);
        Assert.Equal(0, figures!.VerifiedResidents);
        Assert.Contains("not approved", Assert.Single(figures.WhatHappensHere).Title, StringComparison.Ordinal);

        var approved = await Db.With<ApproveRegisterHolder, ApproveRegisterHolderResult>(a => a.ApproveAsync("forgers-united", "C1", null, Ct));
        Assert.True(approved.Succeeded);
        var after = await Db.With<CheckEligibility, EligibilityDecision>(c => c.CheckAsync(sock, rule, Ct));
        Assert.True(after.IsEligible);
        Assert.Contains("on the register of Forgers United", after.Reason, StringComparison.Ordinal);
        Assert.Equal(1, (await Db.With<AreaDirectory, AreaDetails?>(d => d.GetAsync("north-ward", Ct)))!.VerifiedResidents);
        Assert.Equal(1, (await Db.With<AreaDirectory, AreaDetails?>(d => d.GetAsync("testville", Ct)))!.VerifiedResidents);
        Assert.True((await Db.With<CheckEligibility, EligibilityDecision>(c => c.CheckAsync(sock, new VerifiedResidentOf(city), Ct))).IsEligible);
    }

    [Fact]
    public async Task Approval_ForOneWard_DoesNotCoverItsSibling()
    {
        var (_, _, ward2) = await Db.CityWithWardsAsync();
        var organisation = await Db.OrganisationAsync();
        await Db.With<ImportRegister, RegisterImportReport>(i => i.ImportAsync(Arrange.Csv("elector_number,postcode,area_code\nSW1-1,CB1 3NE,W2\n"), "r.csv", organisation, "C1", Ct));
        await Db.With<ApproveRegisterHolder, ApproveRegisterHolderResult>(a => a.ApproveAsync("testville-greens", "W1", null, Ct));
        var person = await Db.PersonAsync("ann@example.org");
        await Db.With<VerifyResidency, Result<VerifiedResidency>>(v => v.VerifyAsync(person, "SW1-1", "CB1 3NE", Ct));

        Assert.False((await Db.With<CheckEligibility, EligibilityDecision>(c => c.CheckAsync(person, new VerifiedResidentOf(ward2), Ct))).IsEligible);
    }
}

public sealed class RegisterAttestationSqliteTests() : RegisterAttestationTests(TestProvider.Sqlite);

public sealed class RegisterAttestationPostgresTests() : RegisterAttestationTests(TestProvider.Postgres);
