using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Answerback.Platform.Eligibility;
using Answerback.Platform.Organisations;
using Answerback.Platform.Residency;
using Answerback.Platform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Tests.Eligibility;

public abstract class CheckEligibilityTests(TestProvider provider) : PlatformTest(provider)
{
    private (Guid City, Guid Ward1, Guid Ward2) areas;
    private Guid party;
    private Guid otherParty;
    private Guid verified;
    private Guid declared;
    private Guid member;
    private Guid unconfirmedMember;
    private Guid nobody;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        areas = await Db.CityWithWardsAsync();
        party = await Db.OrganisationAsync("Testville Greens");
        otherParty = await Db.OrganisationAsync("Testville Blues");
        verified = await Db.PersonAsync("vera@example.org");
        declared = await Db.PersonAsync("dee@example.org");
        member = await Db.PersonAsync("Max@Example.org");
        unconfirmedMember = await Db.PersonAsync("una@example.org", emailConfirmed: false);
        nobody = await Db.PersonAsync("nobody@example.org");
        // Both parties are approved register holders for the city: only then do their registers count.
        await Db.ApproveRegisterAsync("testville-greens", "C1");
        await Db.ApproveRegisterAsync("testville-blues", "C1");

        await Db.With<ImportRegister, RegisterImportReport>(i => i.ImportAsync(Arrange.Csv("elector_number,postcode,area_code\nNW1-1,CB4 2JB,W1\n"), "r.csv", party, "C1", Ct));
        Assert.True((await Db.With<VerifyResidency, Result<VerifiedResidency>>(v => v.VerifyAsync(verified, "NW1-1", "CB4 2JB", Ct))).Succeeded);
        Assert.True((await Db.With<DeclareResidency, Result<Declaration>>(d => d.DeclareAsync(declared, areas.Ward2, "CB1 3NE", Ct))).Succeeded);
        var members = await Db.With<ImportMembers, MemberImportReport>(i => i.ImportAsync(Arrange.Csv("name,email\nMax, max@example.org \nUna,una@example.org\n"), "members.csv", party, Ct));
        Assert.Equal(2, members.Imported);
    }

    private Task<EligibilityDecision> CheckAsync(Guid person, EligibilityRule rule)
        => Db.With<CheckEligibility, EligibilityDecision>(c => c.CheckAsync(person, rule, Ct));

    [Fact]
    public async Task CheckAsync_AnyoneSignedIn_EveryAccountButNotAnUnknownId()
    {
        Assert.True((await CheckAsync(nobody, new AnyoneSignedIn())).IsEligible);
        var unknown = await CheckAsync(Guid.NewGuid(), new AnyoneSignedIn());
        Assert.False(unknown.IsEligible);
        Assert.Equal("Sign in to take part.", unknown.Reason);
    }

    [Fact]
    public async Task CheckAsync_VerifiedResidentOf_OnlyVerifiedResidentsOfThatAreaOrItsParents()
    {
        Assert.True((await CheckAsync(verified, new VerifiedResidentOf(areas.Ward1))).IsEligible);
        Assert.True((await CheckAsync(verified, new VerifiedResidentOf(areas.City))).IsEligible);
        Assert.False((await CheckAsync(verified, new VerifiedResidentOf(areas.Ward2))).IsEligible);
        var selfDeclared = await CheckAsync(declared, new VerifiedResidentOf(areas.Ward2));
        Assert.False(selfDeclared.IsEligible);
        Assert.Contains("Only verified residents of South Ward", selfDeclared.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_VerifiedResidentOfAttestedBy_OnlyThatOrganisationsRegisterForTheAreaOrAWardWithinIt()
    {
        var ward = await CheckAsync(verified, new VerifiedResidentOf(areas.Ward1, attestedBy: party));
        Assert.True(ward.IsEligible, ward.Reason);
        Assert.Equal("You are a verified resident of North Ward on the register of Testville Greens.", ward.Reason);
        Assert.True((await CheckAsync(verified, new VerifiedResidentOf(areas.City, attestedBy: party))).IsEligible);
        Assert.False((await CheckAsync(verified, new VerifiedResidentOf(areas.Ward2, attestedBy: party))).IsEligible);
        var rival = await CheckAsync(verified, new VerifiedResidentOf(areas.Ward1, attestedBy: otherParty));
        Assert.False(rival.IsEligible);
        Assert.Contains("verified against the register of Testville Blues", rival.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_VerifiedResidentOfAttestedBy_SockPuppetOnARivalsInventedRegisterFails()
    {
        // The rival invents an elector in the other ward and verifies an account with it.
        await Db.With<ImportRegister, RegisterImportReport>(i => i.ImportAsync(Arrange.Csv("elector_number,postcode,area_code\nFAKE-1,CB1 3NE,W2\n"), "fake.csv", otherParty, "C1", Ct));
        var puppet = await Db.PersonAsync("puppet@example.org");
        Assert.True((await Db.With<VerifyResidency, Result<VerifiedResidency>>(v => v.VerifyAsync(puppet, "FAKE-1", "CB1 3NE", Ct))).Succeeded);

        // The plain rule trusts any approved holder's register; the attested one only the organisation named.
        Assert.True((await CheckAsync(puppet, new VerifiedResidentOf(areas.City))).IsEligible);
        Assert.False((await CheckAsync(puppet, new VerifiedResidentOf(areas.City, attestedBy: party))).IsEligible);
        Assert.True((await CheckAsync(puppet, new VerifiedResidentOf(areas.Ward2, attestedBy: otherParty))).IsEligible);
    }

    [Fact]
    public async Task CheckAsync_VerifiedResidentOfAttestedBy_ElectorOnTwoRegisters_OneVerificationPassesBothAndBlocksOtherAccounts()
    {
        const string shared = "elector_number,postcode,area_code\nNW1-5,CB4 2JF,W1\nNW1-6,CB4 2JG,W1\n";
        var greens = await Db.With<ImportRegister, RegisterImportReport>(i => i.ImportAsync(Arrange.Csv(shared), "greens.csv", party, "C1", Ct));
        var blues = await Db.With<ImportRegister, RegisterImportReport>(i => i.ImportAsync(Arrange.Csv(shared), "blues.csv", otherParty, "C1", Ct));
        Assert.Equal((2, 0), (greens.Imported, greens.AlreadyPresent));
        Assert.Equal((2, 0), (blues.Imported, blues.AlreadyPresent));

        var resident = await Db.PersonAsync("rosa@example.org");
        Assert.True((await Db.With<VerifyResidency, Result<VerifiedResidency>>(v => v.VerifyAsync(resident, "NW1-5", "CB4 2JF", Ct))).Succeeded);
        Assert.True((await CheckAsync(resident, new VerifiedResidentOf(areas.Ward1, attestedBy: party))).IsEligible);
        Assert.True((await CheckAsync(resident, new VerifiedResidentOf(areas.Ward1, attestedBy: otherParty))).IsEligible);

        // Both entries now back the resident: another account gets the uniform failure.
        var thief = await Db.PersonAsync("thief@example.org");
        var stolen = await Db.With<VerifyResidency, Result<VerifiedResidency>>(v => v.VerifyAsync(thief, "NW1-5", "CB4 2JF", Ct));
        Assert.Equal(VerifyResidency.NotMatchedField, Assert.Single(stolen.Errors).Field);
        Assert.Equal(VerifyResidency.NotMatchedMessage, stolen.Errors[0].Message);
        Assert.False((await CheckAsync(thief, new VerifiedResidentOf(areas.Ward1))).IsEligible);

        // The Greens re-importing their own file add nothing.
        var again = await Db.With<ImportRegister, RegisterImportReport>(i => i.ImportAsync(Arrange.Csv(shared), "greens.csv", party, "C1", Ct));
        Assert.Equal((0, 2), (again.Imported, again.AlreadyPresent));
    }

    [Fact]
    public async Task CheckAsync_VerifiedResidentOfAttestedBy_SecondRegisterUploadedLater_VerifyingAgainClaimsItWithoutAFailure()
    {
        // `verified` claimed NW1-1 on the Greens' register before the Blues uploaded theirs.
        var blues = await Db.With<ImportRegister, RegisterImportReport>(i => i.ImportAsync(Arrange.Csv("elector_number,postcode,area_code\nNW1-1,CB4 2JB,W1\n"), "blues.csv", otherParty, "C1", Ct));
        Assert.Equal((1, 0), (blues.Imported, blues.AlreadyPresent));
        Assert.False((await CheckAsync(verified, new VerifiedResidentOf(areas.Ward1, attestedBy: otherParty))).IsEligible);

        var again = await Db.With<VerifyResidency, Result<VerifiedResidency>>(v => v.VerifyAsync(verified, "NW1-1", "CB4 2JB", Ct));
        Assert.True(again.Succeeded);
        Assert.True((await CheckAsync(verified, new VerifiedResidentOf(areas.Ward1, attestedBy: otherParty))).IsEligible);
        Assert.True((await CheckAsync(verified, new VerifiedResidentOf(areas.Ward1, attestedBy: party))).IsEligible);
        var attempts = await Db.With<AnswerbackDbContext, List<VerificationAttempt>>(db => db.VerificationAttempts.Where(a => a.PersonId == verified).ToListAsync(Ct));
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, a => Assert.True(a.Succeeded));
    }

    [Fact]
    public async Task VerifyAsync_SecondRegisterUploadedLater_AnotherAccountCannotClaimTheSameElector()
    {
        // `verified` holds NW1-1 on the Greens' register; the Blues upload the same elector afterwards.
        await Db.With<ImportRegister, RegisterImportReport>(i => i.ImportAsync(Arrange.Csv("elector_number,postcode,area_code\nNW1-1,CB4 2JB,W1\n"), "blues.csv", otherParty, "C1", Ct));

        var other = await Db.With<VerifyResidency, Result<VerifiedResidency>>(v => v.VerifyAsync(declared, "NW1-1", "CB4 2JB", Ct));

        Assert.False(other.Succeeded);
        Assert.False((await CheckAsync(declared, new VerifiedResidentOf(areas.Ward1, attestedBy: otherParty))).IsEligible);
        Assert.False((await CheckAsync(declared, new VerifiedResidentOf(areas.Ward1))).IsEligible);
    }

    [Fact]
    public async Task CheckAsync_SelfDeclaredResidentOf_DeclaredOrVerified()
    {
        var decision = await CheckAsync(declared, new SelfDeclaredResidentOf(areas.Ward2));
        Assert.True(decision.IsEligible);
        Assert.Contains("unverified", decision.Reason, StringComparison.Ordinal);
        Assert.True((await CheckAsync(declared, new SelfDeclaredResidentOf(areas.City))).IsEligible);
        Assert.True((await CheckAsync(verified, new SelfDeclaredResidentOf(areas.Ward1))).IsEligible);
        Assert.False((await CheckAsync(declared, new SelfDeclaredResidentOf(areas.Ward1))).IsEligible);
        Assert.False((await CheckAsync(nobody, new SelfDeclaredResidentOf(areas.City))).IsEligible);
    }

    [Fact]
    public async Task CheckAsync_MemberOf_ConfirmedEmailOnTheListOfThatOrganisation()
    {
        var yes = await CheckAsync(member, new MemberOf(party));
        Assert.True(yes.IsEligible, yes.Reason);
        Assert.Equal("You are a member of Testville Greens.", yes.Reason);
        Assert.False((await CheckAsync(member, new MemberOf(otherParty))).IsEligible);
        var unconfirmed = await CheckAsync(unconfirmedMember, new MemberOf(party));
        Assert.False(unconfirmed.IsEligible);
        Assert.Contains("confirm your email", unconfirmed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_AllOfAndAnyOf_Combine()
    {
        var membersOrResidents = new AnyOf(new MemberOf(party), new VerifiedResidentOf(areas.Ward1));
        Assert.True((await CheckAsync(member, membersOrResidents)).IsEligible);
        Assert.True((await CheckAsync(verified, membersOrResidents)).IsEligible);
        var neither = await CheckAsync(declared, membersOrResidents);
        Assert.False(neither.IsEligible);
        Assert.Contains("Or:", neither.Reason, StringComparison.Ordinal);

        var memberAndResident = new AllOf(new MemberOf(party), new SelfDeclaredResidentOf(areas.City));
        Assert.False((await CheckAsync(member, memberAndResident)).IsEligible);
        Assert.False((await CheckAsync(declared, memberAndResident)).IsEligible);
        Assert.True((await CheckAsync(verified, new AllOf(new AnyoneSignedIn(), new SelfDeclaredResidentOf(areas.City)))).IsEligible);
        Assert.False((await CheckAsync(verified, new AnyOf())).IsEligible);
    }
}

public sealed class CheckEligibilitySqliteTests() : CheckEligibilityTests(TestProvider.Sqlite);

public sealed class CheckEligibilityPostgresTests() : CheckEligibilityTests(TestProvider.Postgres);
