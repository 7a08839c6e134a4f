using Answerback.Platform.Common;
using Answerback.Platform.Eligibility;
using Answerback.Platform.Primaries;
using Answerback.Platform.Tests.Infrastructure;

namespace Answerback.Platform.Tests.Primaries;

public abstract class PrimarySetupTests(TestProvider provider) : PlatformTest(provider)
{
    [Fact]
    public async Task StateAt_FollowsTheClock_ThroughEveryTimetabledPhase()
    {
        var (_, ward, _) = await Db.CityWithWardsAsync();
        var organisation = await Db.OrganisationAsync();
        var organiser = await Db.OrganiserAsync(organisation, "org@example.org");
        var primary = await Db.PrimaryAsync(organiser, organisation, ward);

        async Task<PrimaryState?> StateNow() => await Db.With<PrimaryQuery, PrimaryState?>(q => q.StateAsync(primary.Id, Db.Time.GetUtcNow()));

        Assert.Equal(PrimaryState.Draft, await StateNow());
        Db.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(PrimaryState.Nominations, await StateNow());
        Db.Time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(PrimaryState.Hustings, await StateNow());
        Db.Time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromTicks(1));
        Assert.Equal(PrimaryState.Hustings, await StateNow());
        Db.Time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(PrimaryState.Voting, await StateNow());
        Db.Time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(PrimaryState.Closed, await StateNow());

        var log = await Db.With<PrimaryQuery, IReadOnlyList<PrimaryLogLine>>(q => q.LogAsync(primary.Id, Db.Time.GetUtcNow()));
        Assert.Equal(["Created as a draft", "Published with its timetable", "Nominations opened", "Hustings opened", "Voting opened", "Voting closed"], log.Select(l => l.Change));
        Assert.Equal([PrimaryRole.Organiser, PrimaryRole.Organiser, PrimaryRole.Timetable, PrimaryRole.Timetable, PrimaryRole.Timetable, PrimaryRole.Timetable], log.Select(l => l.Role));
    }

    [Fact]
    public async Task StateAt_Unpublished_StaysDraftWhateverTheClock()
    {
        var (_, ward, _) = await Db.CityWithWardsAsync();
        var organisation = await Db.OrganisationAsync();
        var organiser = await Db.OrganiserAsync(organisation, "org@example.org");
        var primary = await Db.PrimaryAsync(organiser, organisation, ward, publish: false);
        Db.Time.Advance(TimeSpan.FromDays(11));
        Assert.Equal(PrimaryState.Draft, await Db.With<PrimaryQuery, PrimaryState?>(q => q.StateAsync(primary.Id, Db.Time.GetUtcNow())));
        Assert.Empty(await Db.With<PrimaryQuery, IReadOnlyList<PrimarySummary>>(q => q.ListPublishedAsync()));
        var late = await Db.With<PublishPrimary, Result<Primary>>(p => p.PublishAsync(organiser, primary.Id));
        Assert.Equal("nominationsOpen", Assert.Single(late.Errors).Field);
    }

    [Fact]
    public async Task CreateAsync_BadDetails_NamesEachField()
    {
        var (_, ward, _) = await Db.CityWithWardsAsync();
        var organisation = await Db.OrganisationAsync();
        var organiser = await Db.OrganiserAsync(organisation, "org@example.org");
        var now = Db.Time.GetUtcNow();
        var bad = new PrimaryDetails("", null, Guid.NewGuid(), 2, "av", (Electorate)99,
            new PrimaryTimetable(now.AddDays(-1), now.AddDays(-2), now.AddDays(-3), now.AddDays(-4)));
        var result = await Db.With<CreatePrimary, Result<Primary>>(c => c.CreateAsync(organiser, organisation, bad));
        Assert.Equal(["title", "area", "seats", "electorate", "nominationsOpen", "hustingsOpen", "votingOpens", "votingCloses"], result.Errors.Select(e => e.Field));
        var unknownMethod = await Db.With<CreatePrimary, Result<Primary>>(c => c.CreateAsync(organiser, organisation, PrimaryArrange.Details(ward, now, method: "borda")));
        Assert.Equal("method", Assert.Single(unknownMethod.Errors).Field);
        var stv = await Db.With<CreatePrimary, Result<Primary>>(c => c.CreateAsync(organiser, organisation, PrimaryArrange.Details(ward, now, method: "scottish-stv", seats: 3)));
        Assert.True(stv.Succeeded);
    }

    [Fact]
    public async Task SetupActions_OtherRolesAndOrganisations_Refused()
    {
        var (_, ward, _) = await Db.CityWithWardsAsync();
        var organisation = await Db.OrganisationAsync("Greens");
        var other = await Db.OrganisationAsync("Blues");
        var organiser = await Db.OrganiserAsync(organisation, "org@example.org");
        var otherOrganiser = await Db.OrganiserAsync(other, "blue@example.org");
        var moderator = await Db.PersonAsync("mod@example.org");
        await Db.With<Platform.Organisations.GrantOrganisationRole, Result<Platform.Organisations.RoleChange>>(g => g.GrantAsync(organisation, moderator, Platform.Organisations.OrganisationRoleKind.Moderator));
        var citizen = await Db.PersonAsync("citizen@example.org");
        var draft = await Db.PrimaryAsync(organiser, organisation, ward, publish: false);
        var details = PrimaryArrange.Details(ward, Db.Time.GetUtcNow(), title: "Changed");

        foreach (var actor in new[] { otherOrganiser, moderator, citizen })
        {
            var created = await Db.With<CreatePrimary, Result<Primary>>(c => c.CreateAsync(actor, organisation, details));
            var edited = await Db.With<EditPrimary, Result<Primary>>(e => e.EditAsync(actor, draft.Id, details));
            var published = await Db.With<PublishPrimary, Result<Primary>>(p => p.PublishAsync(actor, draft.Id));
            foreach (var result in new Result[] { created, edited, published })
            {
                Assert.Equal(PrimaryAccess.Field, Assert.Single(result.Errors).Field);
            }
        }

        var after = await Db.With<PrimaryQuery, PrimarySummary?>(q => q.GetAsync(draft.Id));
        Assert.Equal("North Ward candidate", after!.Primary.Title);
        Assert.False(after.IsPublished);
        Assert.Single(await Db.With<PrimaryQuery, IReadOnlyList<Primary>>(q => q.ForOrganisationAsync(organisation)));
    }

    [Fact]
    public async Task ElectorateRule_EachElectorate_IsTheMatchingEligibilityRule()
    {
        var organisation = Guid.NewGuid();
        var area = Guid.NewGuid();
        Assert.Equal(new VerifiedResidentOf(area), Primary.RuleFor(Electorate.VerifiedResidents, organisation, area));
        Assert.Equal(new MemberOf(organisation), Primary.RuleFor(Electorate.Members, organisation, area));
        Assert.Equal(new AnyOf(new MemberOf(organisation), new VerifiedResidentOf(area)), Primary.RuleFor(Electorate.MembersOrVerifiedResidents, organisation, area));
        Assert.Equal(new VerifiedResidentOf(area, attestedBy: organisation), Primary.RuleFor(Electorate.ResidentsOnOwnRegister, organisation, area));
        await Task.CompletedTask;
    }
}

public sealed class PrimarySetupSqliteTests() : PrimarySetupTests(TestProvider.Sqlite);

public sealed class PrimarySetupPostgresTests() : PrimarySetupTests(TestProvider.Postgres);
