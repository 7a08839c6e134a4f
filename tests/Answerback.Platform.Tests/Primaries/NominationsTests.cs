using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Answerback.Platform.Webmentions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Answerback.Platform.Primaries;
using Answerback.Platform.Tests.Infrastructure;

namespace Answerback.Platform.Tests.Primaries;

public abstract class NominationsTests(TestProvider provider) : PlatformTest(provider)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Site:PublicUrl"] = "https://answerback.example" };

    // Webmentions' sources are built from Site:PublicUrl, which the web host's IConfiguration provides.
    protected override void ConfigureServices(IServiceCollection services)
        => services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(Settings).Build());

    private async Task<List<(string Source, string Target)>> SentAsync()
    {
        await using var scope = Db.Scope();
        return [.. (await scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>().Set<SentWebmention>().AsNoTracking().ToListAsync(Ct))
            .Select(s => (s.Source, s.Target)).OrderBy(s => s.Target, StringComparer.Ordinal)];
    }

    [Fact]
    public async Task Statement_LinkingOut_SendsWebmentionsOnceThePageIsPublic_AndAgainWhenEdited()
    {
        var (_, ward, _) = await Db.CityWithWardsAsync();
        var organisation = await Db.OrganisationAsync();
        var organiser = await Db.OrganiserAsync(organisation, "org@example.org");
        var zoe = await Db.PersonAsync("zoe@example.org");
        var primary = await Db.PrimaryAsync(organiser, organisation, ward);
        Db.Time.Advance(TimeSpan.FromDays(1));
        Assert.True((await Db.With<Nominate, Result<NominationOutcome>>(n => n.NominateAsync(zoe, primary.Id, null))).Succeeded);
        var candidate = (await Db.With<HustingsQuery, NominationView?>(q => q.OwnNominationAsync(primary.Id, zoe)))!.Candidate.Id;

        Assert.True((await Db.With<EditStatement, Result<Candidate>>(e => e.SaveAsync(zoe, candidate, "I wrote https://blog.example/plan."))).Succeeded);
        Assert.Empty(await SentAsync()); // not public yet
        Assert.True((await Db.With<ApproveCandidate, Result<Candidate>>(a => a.ApproveAsync(organiser, candidate))).Succeeded);
        var source = $"https://answerback.example/primaries/{primary.Id}/candidates/{candidate}";
        Assert.Equal([(source, "https://blog.example/plan")], await SentAsync());
        Assert.True((await Db.With<EditStatement, Result<Candidate>>(e => e.SaveAsync(zoe, candidate, "See https://blog.example/plan and [the costs](https://news.example/costs)."))).Succeeded);
        Assert.Equal([(source, "https://blog.example/plan"), (source, "https://news.example/costs")], await SentAsync());
    }

    [Fact]
    public async Task Nominations_SelfAndByOthers_ApprovedAfterConsent_NumberedAlphabetically()
    {
        var (_, ward, _) = await Db.CityWithWardsAsync();
        var organisation = await Db.OrganisationAsync();
        var organiser = await Db.OrganiserAsync(organisation, "org@example.org");
        var zoe = await Db.PersonAsync("zoe@example.org");
        var adam = await Db.PersonAsync("adam@example.org");
        var friend = await Db.PersonAsync("friend@example.org");
        var primary = await Db.PrimaryAsync(organiser, organisation, ward);

        var early = await Db.With<Nominate, Result<NominationOutcome>>(n => n.NominateAsync(zoe, primary.Id, null));
        Assert.Equal("Nominations are not open for this primary.", Assert.Single(early.Errors).Message);

        Db.Time.Advance(TimeSpan.FromDays(1));
        var zoeCandidate = await Db.ApprovedCandidateAsync(organiser, primary.Id, zoe);
        var byFriend = await Db.With<Nominate, Result<NominationOutcome>>(n => n.NominateAsync(friend, primary.Id, "ADAM@example.org"));
        var unknown = await Db.With<Nominate, Result<NominationOutcome>>(n => n.NominateAsync(friend, primary.Id, "nobody@example.org"));
        // The same answer whether or not the address has an account.
        Assert.Equal(byFriend.Value, unknown.Value);
        var adamNomination = (await Db.With<HustingsQuery, NominationView?>(q => q.OwnNominationAsync(primary.Id, adam)))!;
        Assert.False(adamNomination.SelfNominated);

        var tooSoon = await Db.With<ApproveCandidate, Result<Candidate>>(a => a.ApproveAsync(organiser, adamNomination.Candidate.Id));
        Assert.Equal("The nominee has not accepted the nomination yet.", Assert.Single(tooSoon.Errors).Message);
        var notTheirs = await Db.With<AcceptNomination, Result<Candidate>>(a => a.AcceptAsync(friend, adamNomination.Candidate.Id));
        Assert.Equal(PrimaryAccess.Field, Assert.Single(notTheirs.Errors).Field);
        Assert.True((await Db.With<AcceptNomination, Result<Candidate>>(a => a.AcceptAsync(adam, adamNomination.Candidate.Id))).Succeeded);
        Assert.True((await Db.With<ApproveCandidate, Result<Candidate>>(a => a.ApproveAsync(organiser, adamNomination.Candidate.Id))).Succeeded);

        var order = await Db.With<PrimaryQuery, IReadOnlyList<PublishedCandidate>>(q => q.CandidatesAsync(primary.Id));
        Assert.Equal([("adam@example.org", 1), ("zoe@example.org", 2)], order.Select(c => (c.Name, c.Number)));

        Assert.True((await Db.With<WithdrawCandidate, Result<Candidate>>(w => w.WithdrawAsync(adam, adamNomination.Candidate.Id))).Succeeded);
        order = await Db.With<PrimaryQuery, IReadOnlyList<PublishedCandidate>>(q => q.CandidatesAsync(primary.Id));
        Assert.Equal([(zoeCandidate, 1)], order.Select(c => (c.Id, c.Number)));

        var log = await Db.With<PrimaryQuery, IReadOnlyList<PrimaryLogLine>>(q => q.LogAsync(primary.Id, Db.Time.GetUtcNow()));
        Assert.Contains(new PrimaryLogLine(Db.Time.GetUtcNow(), "Candidate adam@example.org withdrawn", PrimaryRole.Candidate), log);

        // Voting opens: the ballot is fixed.
        Db.Time.Advance(TimeSpan.FromDays(9));
        var late = await Db.With<WithdrawCandidate, Result<Candidate>>(w => w.WithdrawAsync(organiser, zoeCandidate));
        Assert.Equal("candidate", Assert.Single(late.Errors).Field);
        var statement = await Db.With<EditStatement, Result<Candidate>>(e => e.SaveAsync(zoe, zoeCandidate, "Changed"));
        Assert.False(statement.Succeeded);
    }

    [Fact]
    public async Task CandidateActions_OtherRolesAndOrganisations_Refused()
    {
        var (_, ward, _) = await Db.CityWithWardsAsync();
        var organisation = await Db.OrganisationAsync("Greens");
        var other = await Db.OrganisationAsync("Blues");
        var organiser = await Db.OrganiserAsync(organisation, "org@example.org");
        var otherOrganiser = await Db.OrganiserAsync(other, "blue@example.org");
        var moderator = await Db.PersonAsync("mod@example.org");
        await Db.With<Platform.Organisations.GrantOrganisationRole, Result<Platform.Organisations.RoleChange>>(g => g.GrantAsync(organisation, moderator, Platform.Organisations.OrganisationRoleKind.Moderator));
        var nominee = await Db.PersonAsync("nominee@example.org");
        var primary = await Db.PrimaryAsync(organiser, organisation, ward);
        Db.Time.Advance(TimeSpan.FromDays(1));
        var nominated = await Db.With<Nominate, Result<NominationOutcome>>(n => n.NominateAsync(nominee, primary.Id, null));
        var candidate = nominated.Value!.Candidate!.Id;

        foreach (var actor in new[] { otherOrganiser, moderator })
        {
            Assert.Equal(PrimaryAccess.Field, Assert.Single((await Db.With<ApproveCandidate, Result<Candidate>>(a => a.ApproveAsync(actor, candidate))).Errors).Field);
            Assert.Equal(PrimaryAccess.Field, Assert.Single((await Db.With<WithdrawCandidate, Result<Candidate>>(w => w.WithdrawAsync(actor, candidate))).Errors).Field);
            Assert.Equal(PrimaryAccess.Field, Assert.Single((await Db.With<EditStatement, Result<Candidate>>(e => e.SaveAsync(actor, candidate, "x"))).Errors).Field);
        }

        // The nominee cannot approve themselves either.
        Assert.Equal(PrimaryAccess.Field, Assert.Single((await Db.With<ApproveCandidate, Result<Candidate>>(a => a.ApproveAsync(nominee, candidate))).Errors).Field);
        Assert.Empty(await Db.With<PrimaryQuery, IReadOnlyList<PublishedCandidate>>(q => q.CandidatesAsync(primary.Id)));
    }
}

public sealed class NominationsSqliteTests() : NominationsTests(TestProvider.Sqlite);

public sealed class NominationsPostgresTests() : NominationsTests(TestProvider.Postgres);
