using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Answerback.Platform.Residency;
using Answerback.Platform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Platform.Tests.Residency;

/// <summary>
/// Issue 9, finding 4: anyone holding a full register could claim a whole ward with one account,
/// and the real resident had no way back. One verified residency per person (moving has a
/// cool-down), and a code posted to the register address takes an entry back.
/// </summary>
public abstract class ResidencySquattingTests(TestProvider provider) : PlatformTest(provider)
{
    private (Guid City, Guid Ward1, Guid Ward2) areas;
    private Guid organisation;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        areas = await Db.CityWithWardsAsync();
        organisation = await Db.OrganisationAsync();
        var report = await Db.With<ImportRegister, RegisterImportReport>(i => i.ImportAsync(
            Arrange.Csv("elector_number,postcode,area_code\nNW1-1,CB4 2JB,W1\nNW1-2,CB4 2JD,W1\nSW1-1,CB1 3NE,W2\n"), "register.csv", organisation, "C1", Ct));
        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
    }

    private Task<Result<VerifiedResidency>> VerifyAsync(Guid person, string elector, string postcode)
        => Db.With<VerifyResidency, Result<VerifiedResidency>>(v => v.VerifyAsync(person, elector, postcode, Ct));

    private async Task<int> EntriesHeldAsync(Guid person)
    {
        await using var scope = Db.Scope();
        return await scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>().RegisterEntries.CountAsync(e => e.ClaimedByPersonId == person, Ct);
    }

    private async Task<List<Guid>> VerifiedAreasAsync(Guid person)
    {
        await using var scope = Db.Scope();
        return await scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>().Residencies
            .Where(r => r.PersonId == person && r.Kind == ResidencyKind.Verified).Select(r => r.AreaId).ToListAsync(Ct);
    }

    [Fact]
    public async Task Squatter_ClaimsASecondElector_RefusedAndHoldsOnlyTheFirst()
    {
        var squatter = await Db.PersonAsync("squatter@example.org");
        Assert.True((await VerifyAsync(squatter, "NW1-1", "CB4 2JB")).Succeeded);

        var second = await VerifyAsync(squatter, "NW1-2", "CB4 2JD");

        Assert.Equal(VerifyResidency.MoveField, Assert.Single(second.Errors).Field);
        Assert.Equal(1, await EntriesHeldAsync(squatter));
        // The second elector is still free for its resident.
        var resident = await Db.PersonAsync("resident@example.org");
        Assert.True((await VerifyAsync(resident, "NW1-2", "CB4 2JD")).Succeeded);
    }

    [Fact]
    public async Task Moving_AfterTheCoolDown_ReplacesTheResidency()
    {
        var person = await Db.PersonAsync("mover@example.org");
        Assert.True((await VerifyAsync(person, "NW1-1", "CB4 2JB")).Succeeded);
        Db.Time.Advance(TimeSpan.FromDays(31));

        var moved = await VerifyAsync(person, "SW1-1", "CB1 3NE");

        Assert.True(moved.Succeeded, string.Join("; ", moved.Errors));
        Assert.Equal(1, await EntriesHeldAsync(person));
        Assert.Equal(new[] { areas.Ward2, areas.City }.Order(), (await VerifiedAreasAsync(person)).Order());
        // The old entry went back to the register.
        var next = await Db.PersonAsync("next@example.org");
        Assert.True((await VerifyAsync(next, "NW1-1", "CB4 2JB")).Succeeded);
    }

    [Fact]
    public async Task Dispute_PostedCodeTakesTheEntryBack_AndFlagsTheOtherClaim()
    {
        var squatter = await Db.PersonAsync("squatter@example.org");
        var resident = await Db.PersonAsync("resident@example.org");
        Assert.True((await VerifyAsync(squatter, "NW1-1", "CB4 2JB")).Succeeded);
        Assert.Equal(VerifyResidency.NotMatchedField, Assert.Single((await VerifyAsync(resident, "NW1-1", "CB4 2JB")).Errors).Field);

        var request = await Db.With<RequestResidencyCode, Result<ResidencyCodeMessage>>(r => r.RequestAsync(resident, "nw1-1", "cb4 2jb", Ct));
        Assert.True(request.Succeeded);
        var open = await Db.With<ResidencyDisputes, IReadOnlyList<DisputeListItem>>(d => d.ForOrganisationAsync(organisation, Ct));
        var dispute = Assert.Single(open);
        Assert.Equal("NW1-1", dispute.ElectorNumber);
        var issued = await Db.With<ResidencyDisputes, IssuedCode?>(d => d.IssueCodeAsync(organisation, dispute.Id, Ct));
        Assert.NotNull(issued);

        // The squatter cannot use the code (it is the resident's dispute), and a wrong code does nothing.
        Assert.False((await Db.With<RedeemResidencyCode, Result<ResidencyCodeMessage>>(r => r.RedeemAsync(squatter, issued.Code, Ct))).Succeeded);
        Assert.False((await Db.With<RedeemResidencyCode, Result<ResidencyCodeMessage>>(r => r.RedeemAsync(resident, "WRONGCODE1", Ct))).Succeeded);
        var redeemed = await Db.With<RedeemResidencyCode, Result<ResidencyCodeMessage>>(r => r.RedeemAsync(resident, issued.Code.ToLowerInvariant(), Ct));

        Assert.True(redeemed.Succeeded, string.Join("; ", redeemed.Errors));
        Assert.Equal(1, await EntriesHeldAsync(resident));
        Assert.Equal(0, await EntriesHeldAsync(squatter));
        Assert.Empty(await VerifiedAreasAsync(squatter));
        var flagged = Assert.Single(await Db.With<ResidencyDisputes, IReadOnlyList<DisputeListItem>>(d => d.ForOrganisationAsync(organisation, Ct)));
        Assert.True(flagged.FlaggedForModeration);
        Assert.Equal(squatter, flagged.DisplacedPersonId);
        // The clear elector number is erased once the dispute ends.
        Assert.Equal("", flagged.ElectorNumber);
    }

    [Fact]
    public async Task DisputeRequest_UnknownDetails_SameAnswerAndNothingStored()
    {
        var resident = await Db.PersonAsync("resident@example.org");
        var request = await Db.With<RequestResidencyCode, Result<ResidencyCodeMessage>>(r => r.RequestAsync(resident, "ZZ9-9", "CB4 2JB", Ct));
        Assert.Equal(RequestResidencyCode.RequestedMessage, request.Value!.Message);
        Assert.Empty(await Db.With<ResidencyDisputes, IReadOnlyList<DisputeListItem>>(d => d.ForOrganisationAsync(organisation, Ct)));
    }
}

public sealed class ResidencySquattingSqliteTests() : ResidencySquattingTests(TestProvider.Sqlite);

public sealed class ResidencySquattingPostgresTests() : ResidencySquattingTests(TestProvider.Postgres);
