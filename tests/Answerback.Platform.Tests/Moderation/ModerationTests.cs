using Answerback.Platform.Accounts;
using Answerback.Platform.Common;
using Answerback.Platform.Moderation;
using Answerback.Platform.Organisations;
using Answerback.Platform.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Answerback.Platform.Tests.Moderation;

public abstract class ModerationTests(TestProvider provider) : PlatformTest(provider)
{
    private readonly TestSubjects notes = new();

    protected override void ConfigureServices(IServiceCollection services)
        => services.TryAddEnumerable(ServiceDescriptor.Singleton<IModerationSubjects>(notes));

    private async Task<(Guid Greens, Guid Moderator, Guid Organiser, Guid Author, Guid Other)> ArrangeAsync()
    {
        var greens = await Db.OrganisationAsync("Greens");
        var moderator = await Db.PersonAsync("mod@example.org");
        var organiser = await Db.PersonAsync("org@example.org");
        var author = await Db.PersonAsync("author@example.org");
        var other = await Db.PersonAsync("other@example.org");
        await Db.With<GrantOrganisationRole, Result<RoleChange>>(g => g.GrantAsync(greens, moderator, OrganisationRoleKind.Moderator, Ct));
        await Db.With<GrantOrganisationRole, Result<RoleChange>>(g => g.GrantAsync(greens, organiser, OrganisationRoleKind.Organiser, Ct));
        return (greens, moderator, organiser, author, other);
    }

    private Task<Result<ModerationDecision>> HideAsync(ModerationSubject subject, Guid by, ModerationReason reason = ModerationReason.Abuse)
        => Db.With<HideContent, Result<ModerationDecision>>(h => h.RunAsync(subject, reason, by, Ct));

    private Task<IReadOnlyDictionary<Guid, ModerationReason>> HiddenAsync(ModerationSubject subject)
        => Db.With<ModerationStatus, IReadOnlyDictionary<Guid, ModerationReason>>(s => s.HiddenAsync(subject.Kind, [subject.Id], Ct));

    [Fact]
    public async Task HideContent_Moderator_HiddenWithReasonAndOnTheLogWithRoleNotName()
    {
        var (greens, moderator, _, author, _) = await ArrangeAsync();
        var note = notes.Add(greens, author, "You are all idiots");
        var visible = notes.Add(greens, author, "Fine words");

        var result = await HideAsync(note, moderator, ModerationReason.PersonalData);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var hidden = await HiddenAsync(note);
        Assert.Equal(ModerationReason.PersonalData, hidden[note.Id]);
        Assert.Empty(await HiddenAsync(visible));
        var log = (await Db.With<ModerationLog, ModerationLogPage?>(l => l.PageAsync(null, 1, Ct)))!;
        var entry = Assert.Single(log.Entries);
        Assert.Equal((ModerationReason.PersonalData, ModerationRole.Moderator, "Greens", TestSubjects.Kind, "/test-notes/" + note.Id, PlatformTestDatabase.Start),
            (entry.Reason, entry.Role, entry.OrganisationName, entry.SubjectKind, entry.PublicPath, entry.DecidedAt));
        Assert.Null(entry.Appeal);
    }

    [Fact]
    public async Task HideContent_OrganiserAndAdministrator_LoggedWithTheirRole()
    {
        var (greens, _, organiser, author, _) = await ArrangeAsync();
        var admin = (await Db.With<CreateAdministrator, Result<CreatedAdministrator>>(c => c.CreateAsync("root@example.org", null, Ct))).Value!.PersonId;

        Assert.Equal(ModerationRole.Organiser, (await HideAsync(notes.Add(greens, author), organiser)).Value!.ModeratorRole);
        Assert.Equal(ModerationRole.Administrator, (await HideAsync(notes.Add(greens, author), admin)).Value!.ModeratorRole);
    }

    [Fact]
    public async Task HideContent_CitizenOrModeratorOfAnotherOrganisation_RefusedAndNothingHidden()
    {
        var (greens, _, _, author, other) = await ArrangeAsync();
        var blues = await Db.OrganisationAsync("Blues");
        var bluesModerator = await Db.PersonAsync("bluemod@example.org");
        await Db.With<GrantOrganisationRole, Result<RoleChange>>(g => g.GrantAsync(blues, bluesModerator, OrganisationRoleKind.Moderator, Ct));
        var note = notes.Add(greens, author);

        foreach (var person in new[] { other, author, bluesModerator })
        {
            var result = await HideAsync(note, person);
            Assert.Equal(("moderator", ModeratorCheck.NotAllowed), (Assert.Single(result.Errors).Field, result.Errors[0].Message));
        }

        Assert.Empty(await HiddenAsync(note));
        Assert.Empty((await Db.With<ModerationLog, ModerationLogPage?>(l => l.PageAsync(null, 1, Ct)))!.Entries);
    }

    [Fact]
    public async Task HideContent_UnknownSubjectOrAlreadyHidden_Refused()
    {
        var (greens, moderator, _, author, _) = await ArrangeAsync();
        var note = notes.Add(greens, author);
        await HideAsync(note, moderator);

        Assert.Equal(ModeratorCheck.NotFound, Assert.Single((await HideAsync(new ModerationSubject(TestSubjects.Kind, Guid.NewGuid()), moderator)).Errors).Message);
        Assert.Equal(ModeratorCheck.NotFound, Assert.Single((await HideAsync(new ModerationSubject("no-such-kind", note.Id), moderator)).Errors).Message);
        Assert.Equal("This content is already hidden.", Assert.Single((await HideAsync(note, moderator)).Errors).Message);
        Assert.Equal("reason", Assert.Single((await HideAsync(notes.Add(greens, author), moderator, (ModerationReason)9)).Errors).Field);
    }

    [Fact]
    public async Task AppealDecision_AuthorOnce_SecondRefusedOthersRefused()
    {
        var (greens, moderator, _, author, other) = await ArrangeAsync();
        var decision = (await HideAsync(notes.Add(greens, author), moderator)).Value!;
        Task<Result<ModerationAppeal>> Appeal(Guid person, string text) => Db.With<AppealDecision, Result<ModerationAppeal>>(a => a.RunAsync(decision.Id, person, text, Ct));

        Assert.Equal(AppealDecision.NotAuthor, Assert.Single((await Appeal(other, "Let it be")).Errors).Message);
        Assert.Equal(AppealDecision.NotAuthor, Assert.Single((await Appeal(moderator, "Let it be")).Errors).Message);
        Assert.Equal("text", Assert.Single((await Appeal(author, "  ")).Errors).Field);
        Assert.True((await Appeal(author, "It was criticism, not abuse.")).Succeeded);
        Assert.Equal(AppealDecision.AlreadyAppealed, Assert.Single((await Appeal(author, "Again")).Errors).Message);

        var view = (await Db.With<ModerationLog, ModerationDecisionView?>(l => l.DecisionAsync(decision.Id, null, Ct)))!;
        Assert.Equal(AppealOutcome.Pending, view.Entry.Appeal);
        Assert.Null(view.AppealText);
        var asAuthor = (await Db.With<ModerationLog, ModerationDecisionView?>(l => l.DecisionAsync(decision.Id, author, Ct)))!;
        Assert.Equal("It was criticism, not abuse.", asAuthor.AppealText);
        Assert.False(asAuthor.ViewerMayAppeal);
    }

    [Fact]
    public async Task AppealDecision_TwoAtOnce_OneAppeal()
    {
        var (greens, moderator, _, author, _) = await ArrangeAsync();
        var decision = (await HideAsync(notes.Add(greens, author), moderator)).Value!;

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Db.With<AppealDecision, Result<ModerationAppeal>>(a => a.RunAsync(decision.Id, author, "Appeal " + i, Ct))));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(AppealDecision.AlreadyAppealed, Assert.Single(r.Errors).Message));
    }

    [Fact]
    public async Task DecideAppeal_Overturned_ShownAgainAndLogged_UpheldStaysHidden_OtherOrganisationRefused()
    {
        var (greens, moderator, organiser, author, other) = await ArrangeAsync();
        var overturned = notes.Add(greens, author);
        var upheld = notes.Add(greens, author);
        var first = (await HideAsync(overturned, moderator)).Value!;
        var second = (await HideAsync(upheld, moderator)).Value!;
        var appeal1 = (await Db.With<AppealDecision, Result<ModerationAppeal>>(a => a.RunAsync(first.Id, author, "Wrong", Ct))).Value!;
        var appeal2 = (await Db.With<AppealDecision, Result<ModerationAppeal>>(a => a.RunAsync(second.Id, author, "Wrong too", Ct))).Value!;
        Task<Result<ModerationAppeal>> Decide(Guid appeal, AppealOutcome outcome, Guid by) => Db.With<DecideAppeal, Result<ModerationAppeal>>(d => d.RunAsync(appeal, outcome, "We looked again.", by, Ct));

        Assert.Equal("moderator", Assert.Single((await Decide(appeal1.Id, AppealOutcome.Overturned, other)).Errors).Field);
        Assert.True((await Decide(appeal1.Id, AppealOutcome.Overturned, organiser)).Succeeded);
        Assert.True((await Decide(appeal2.Id, AppealOutcome.Upheld, moderator)).Succeeded);
        Assert.Equal("This appeal has already been decided.", Assert.Single((await Decide(appeal2.Id, AppealOutcome.Overturned, moderator)).Errors).Message);

        Assert.Empty(await HiddenAsync(overturned));
        Assert.Single(await HiddenAsync(upheld));
        var view = (await Db.With<ModerationLog, ModerationDecisionView?>(l => l.DecisionAsync(first.Id, null, Ct)))!;
        Assert.Equal((AppealOutcome.Overturned, true, "We looked again.", ModerationRole.Organiser), (view.Entry.Appeal, view.Entry.Overturned, view.Response, view.AppealDeciderRole));
    }

    [Fact]
    public async Task FlagContent_QueueShowsItToItsModeratorsOnce_HideResolvesIt()
    {
        var (greens, moderator, _, author, other) = await ArrangeAsync();
        var blues = await Db.OrganisationAsync("Blues");
        var bluesModerator = await Db.PersonAsync("bluemod@example.org");
        await Db.With<GrantOrganisationRole, Result<RoleChange>>(g => g.GrantAsync(blues, bluesModerator, OrganisationRoleKind.Moderator, Ct));
        var note = notes.Add(greens, author, "Flag me");
        Task<Result> Flag(Guid person) => Db.With<FlagContent, Result>(f => f.RunAsync(note, ModerationReason.OffTopic, "not about housing", person, Ct));
        Task<ModerationQueuePage> Queue(Guid person) => Db.With<WaitingForModeration, ModerationQueuePage>(w => w.PageAsync(person, 1, Ct));

        Assert.True((await Flag(other)).Succeeded);
        Assert.True((await Flag(other)).Succeeded);
        Assert.True((await Flag(author)).Succeeded);

        var item = Assert.Single((await Queue(moderator)).Items);
        Assert.Equal((note, 2, false, "Flag me"), (item.Subject, item.Flags, item.Held, item.Excerpt));
        Assert.Equal([ModerationReason.OffTopic], item.FlagReasons);
        Assert.Empty((await Queue(bluesModerator)).Items);
        Assert.False((await Queue(other)).Moderates);

        await HideAsync(note, moderator);
        Assert.Empty((await Queue(moderator)).Items);
    }

    [Fact]
    public async Task HoldForReview_HeldUntilApproved_ApproveByOtherOrganisationRefused()
    {
        var (greens, moderator, _, author, other) = await ArrangeAsync();
        var note = notes.Add(greens, author, "Wait for me");
        Assert.True((await Db.With<HoldForReview, Result>(h => h.RunAsync(note, greens, Ct))).Succeeded);
        Task<IReadOnlySet<Guid>> Held() => Db.With<ModerationStatus, IReadOnlySet<Guid>>(s => s.HeldAsync(note.Kind, [note.Id], Ct));

        Assert.Contains(note.Id, await Held());
        Assert.True(Assert.Single((await Db.With<WaitingForModeration, ModerationQueuePage>(w => w.PageAsync(moderator, 1, Ct))).Items).Held);
        Assert.Equal("moderator", Assert.Single((await Db.With<ApproveContent, Result<ModerationDecision>>(a => a.RunAsync(note, other, Ct))).Errors).Field);
        Assert.Contains(note.Id, await Held());

        var approved = await Db.With<ApproveContent, Result<ModerationDecision>>(a => a.RunAsync(note, moderator, Ct));

        Assert.Equal(ModerationAction.Approved, approved.Value!.Action);
        Assert.Empty(await Held());
        Assert.Empty(await HiddenAsync(note));
        Assert.Equal("Nothing about this content waits for review.", Assert.Single((await Db.With<ApproveContent, Result<ModerationDecision>>(a => a.RunAsync(note, moderator, Ct))).Errors).Message);
    }

    [Fact]
    public async Task ModerationLog_FilterByOrganisationAndPages()
    {
        var (greens, moderator, _, author, _) = await ArrangeAsync();
        var blues = await Db.OrganisationAsync("Blues");
        var admin = (await Db.With<CreateAdministrator, Result<CreatedAdministrator>>(c => c.CreateAsync("root@example.org", null, Ct))).Value!.PersonId;
        for (var i = 0; i < ModerationLog.PageSize + 3; i++)
        {
            Db.Time.Advance(TimeSpan.FromMinutes(1));
            await HideAsync(notes.Add(greens, author), moderator);
        }

        Db.Time.Advance(TimeSpan.FromMinutes(1));
        await HideAsync(notes.Add(blues, author), admin);

        var all = (await Db.With<ModerationLog, ModerationLogPage?>(l => l.PageAsync(null, 1, Ct)))!;
        var greensPage2 = (await Db.With<ModerationLog, ModerationLogPage?>(l => l.PageAsync("greens", 2, Ct)))!;
        var bluesOnly = (await Db.With<ModerationLog, ModerationLogPage?>(l => l.PageAsync("blues", 1, Ct)))!;

        Assert.Equal((ModerationLog.PageSize + 4, 2, "Blues"), (all.Total, all.PageCount, all.Entries[0].OrganisationName));
        Assert.Equal(3, greensPage2.Entries.Count);
        Assert.All(greensPage2.Entries, e => Assert.Equal("Greens", e.OrganisationName));
        Assert.Equal("Blues", Assert.Single(bluesOnly.Entries).OrganisationName);
        Assert.Null(await Db.With<ModerationLog, ModerationLogPage?>(l => l.PageAsync("nobody", 1, Ct)));
    }
}

public sealed class ModerationSqliteTests() : ModerationTests(TestProvider.Sqlite);

public sealed class ModerationPostgresTests() : ModerationTests(TestProvider.Postgres);
