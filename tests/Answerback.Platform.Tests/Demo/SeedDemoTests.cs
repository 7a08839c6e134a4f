using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Answerback.Platform.Demo;
using Answerback.Platform.Eligibility;
using Answerback.Platform.Residency;
using Answerback.Platform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Platform.Tests.Demo;

public abstract class SeedDemoTests(TestProvider provider) : PlatformTest(provider)
{
    [Fact]
    public async Task SeedAsync_Twice_SeedsCambridgeOnceAndTheDemoResidentsWork()
    {
        var first = await Db.With<SeedDemo, SeedDemoReport>(s => s.SeedAsync(Ct));
        var second = await Db.With<SeedDemo, SeedDemoReport>(s => s.SeedAsync(Ct));

        Assert.Equal(new SeedDemoReport(15, true, DemoData.People.Count, DemoData.RegisterSize), first);
        Assert.Equal(new SeedDemoReport(0, false, 0, 0), second);

        await using (var scope = Db.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>();
            var cambridge = await db.Areas.Include(a => a.Children).SingleAsync(a => a.Code == DemoData.CambridgeCode, Ct);
            Assert.Equal(14, cambridge.Children.Count);
            Assert.Contains(cambridge.Children, c => c.Name == "King's Hedges" && c.Code == "E05013056");
            Assert.Equal(DemoData.RegisterSize, await db.RegisterEntries.CountAsync(Ct));
        }

        var newResident = await IdOfAsync(DemoData.NewResidentEmail);
        var verified = await Db.With<VerifyResidency, Result<VerifiedResidency>>(v => v.VerifyAsync(newResident, DemoData.UnclaimedElectorNumber, DemoData.UnclaimedPostcode, Ct));
        Assert.True(verified.Succeeded, string.Join("; ", verified.Errors));
        Assert.Equal("You are now a verified resident of Arbury.", verified.Value.Message);

        // The already verified resident's entry is taken: nobody else can claim it.
        var taken = await Db.With<VerifyResidency, Result<VerifiedResidency>>(v => v.VerifyAsync(newResident, DemoData.VerifiedResidentElectorNumber, DemoData.VerifiedResidentPostcode, Ct));
        Assert.False(taken.Succeeded);

        var resident = await IdOfAsync(DemoData.VerifiedResidentEmail);
        Guid arbury;
        Guid party;
        await using (var scope = Db.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>();
            arbury = (await db.Areas.SingleAsync(a => a.Code == "E05013051", Ct)).Id;
            party = (await db.Organisations.SingleAsync(o => o.Slug == DemoData.OrganisationSlug, Ct)).Id;
        }

        Assert.True((await Db.With<CheckEligibility, EligibilityDecision>(c => c.CheckAsync(resident, new VerifiedResidentOf(arbury), Ct))).IsEligible);
        var candidate = await IdOfAsync(DemoData.FirstCandidateEmail);
        Assert.True((await Db.With<CheckEligibility, EligibilityDecision>(c => c.CheckAsync(candidate, new MemberOf(party), Ct))).IsEligible);
    }

    [Fact]
    public void SyntheticRegister_IsDeterministicUniqueAndValid()
    {
        var a = Platform.Residency.ResidencyDemoSeed.SyntheticRegister().ToList();
        var b = Platform.Residency.ResidencyDemoSeed.SyntheticRegister().ToList();
        Assert.Equal(a, b);
        Assert.Equal(DemoData.RegisterSize, a.Count);
        Assert.Equal(a.Count, a.Select(e => e.ElectorNumber).Distinct().Count());
        Assert.All(a, e => Assert.True(ResidencyHasher.IsPostcode(ResidencyHasher.NormalisePostcode(e.Postcode)), e.Postcode));
        Assert.Contains((DemoData.UnclaimedElectorNumber, DemoData.UnclaimedPostcode, "E05013051"), a);
        Assert.Contains((DemoData.SecondUnclaimedElectorNumber, DemoData.SecondUnclaimedPostcode, "E05013061"), a);
    }

    private async Task<Guid> IdOfAsync(string email)
    {
        await using var scope = Db.Scope();
        var normalised = email.ToUpperInvariant();
        return await scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>().Users.Where(u => u.NormalizedEmail == normalised).Select(u => u.Id).SingleAsync(Ct);
    }
}

public sealed class SeedDemoSqliteTests() : SeedDemoTests(TestProvider.Sqlite);

public sealed class SeedDemoPostgresTests() : SeedDemoTests(TestProvider.Postgres);
