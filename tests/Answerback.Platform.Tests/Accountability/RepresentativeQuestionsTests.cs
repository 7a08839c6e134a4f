using System.Data.Common;
using Answerback.Platform.Accountability;
using Answerback.Platform.Comments;
using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Answerback.Platform.Moderation;
using Answerback.Platform.Notifications;
using Answerback.Platform.Organisations;
using Answerback.Platform.Residency;
using Answerback.Platform.Tests.Infrastructure;
using Answerback.Platform.Tests.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Platform.Tests.Accountability;

/// <summary>Residents' questions to representatives: asking, answering, the follow-up emails, response rates and campaign grouping.</summary>
public abstract class RepresentativeQuestionsTests(TestProvider provider) : PlatformTest(provider)
{
    private readonly QuestionReads reads = new();
    private Guid greens;
    private Guid blues;
    private Guid organiser;
    private Guid otherOrganiser;
    private Guid resident;
    private Guid otherResident;
    private Guid southResident;
    private Guid alicePerson;
    private Guid alice;
    private Guid bob;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Site:PublicUrl"] = "https://answerback.example" };

    // The web host provides IConfiguration; the follow-up emails' links need Site:PublicUrl from it.
    // The reads of the questions table are counted (AnswerThread_PageForAResident_ReadsTheQuestionOnce).
    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(Settings).Build());
        services.ConfigureDbContext<AnswerbackDbContext>(options => options.AddInterceptors(reads));
    }

    [Fact]
    public async Task AnswerThread_PageForAResident_ReadsTheQuestionOnce()
    {
        var question = (await Ask(resident, alice, "Will the library open on Sundays?")).Value!;
        Assert.True((await Answer(alicePerson, question.Id, alice, "From June.")).Succeeded);
        reads.Count = 0;

        // The thread (its title and place) and whether the viewer may take part: one read of the question.
        var view = await Db.With<CommentThreadQuery, CommentThreadView?>(q => q.PageAsync(AnswerCommentThreads.ThreadKind, question.Id, resident, 1, Ct));

        Assert.True(view!.ViewerMayTakePart, view.WhyNot);
        Assert.Equal("Alice Green answers “Will the library open on Sundays?”", view.Title);
        Assert.Equal(1, reads.Count);
    }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Db.CityWithWardsAsync();
        greens = await Db.OrganisationAsync("Testville Greens");
        blues = await Db.OrganisationAsync("Testville Blues");
        organiser = await Db.PersonAsync("organiser@example.org");
        otherOrganiser = await Db.PersonAsync("blue.organiser@example.org");
        await Db.With<GrantOrganisationRole, Result<RoleChange>>(g => g.GrantAsync(greens, organiser, OrganisationRoleKind.Organiser));
        await Db.With<GrantOrganisationRole, Result<RoleChange>>(g => g.GrantAsync(blues, otherOrganiser, OrganisationRoleKind.Organiser));
        await Db.ApproveRegisterAsync("testville-greens", "C1");
        await Db.With<ImportRegister, RegisterImportReport>(i => i.ImportAsync(Arrange.Csv("elector_number,postcode,area_code\nN-1,CB4 2JB,W1\nN-2,CB4 2JB,W1\nS-1,CB1 3NE,W2\n"), "r.csv", greens, "C1", Ct));
        resident = await VerifiedAsync("vera@example.org", "N-1", "CB4 2JB");
        otherResident = await VerifiedAsync("nick@example.org", "N-2", "CB4 2JB");
        southResident = await VerifiedAsync("sam@example.org", "S-1", "CB1 3NE");
        alicePerson = await Db.PersonAsync("alice@example.org");
        await Db.RegistryAsync(greens, "Alice Green,Testville Greens,North Ward,W1,e,alice,,,,True\nBob Blue,Testville Blues,North Ward,W1,e,bob,,,,False\n");
        alice = await Db.RepresentativeIdAsync("Alice Green");
        bob = await Db.RepresentativeIdAsync("Bob Blue");
        Assert.True((await Db.With<EditRepresentative, Result<RepresentativeChange>>(e => e.LinkPersonAsync(alice, organiser, "alice@example.org", Ct))).Succeeded);
    }

    private async Task<Guid> VerifiedAsync(string email, string elector, string postcode)
    {
        var person = await Db.PersonAsync(email);
        Assert.True((await Db.With<VerifyResidency, Result<VerifiedResidency>>(v => v.VerifyAsync(person, elector, postcode, Ct))).Succeeded);
        return person;
    }

    private Task<Result<RepresentativeQuestion>> Ask(Guid person, Guid rep, string text, bool everyone = false)
        => Db.With<AskRepresentatives, Result<RepresentativeQuestion>>(a => a.AskAsync(person, rep, everyone, text, Ct));

    private Task<Result<QuestionRecipient>> Answer(Guid person, Guid question, Guid rep, string text)
        => Db.With<AnswerRepresentativeQuestion, Result<QuestionRecipient>>(a => a.AnswerAsync(person, question, rep, text, Ct));

    private Task<ResponseRate> Rate(Guid rep) => Db.With<RepresentativeQuestions, ResponseRate>(q => q.RateAsync(rep, Ct));

    private async Task<List<QueuedEmail>> EmailsToAsync(string to)
    {
        await using var scope = Db.Scope();
        return await scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>().Set<QueuedEmail>().AsNoTracking().Where(e => e.To == to).ToListAsync(Ct);
    }

    private Task<int> SendDueAsync() => Db.With<QuestionFollowUps, int>(f => f.SendDueAsync(Ct));

    [Fact]
    public async Task Ask_OnlyVerifiedResidentsOfTheArea_WithinTheLength()
    {
        var outsider = await Db.PersonAsync("outsider@example.org");
        var refused = await Ask(outsider, alice, "May I?");
        Assert.Equal(AskRepresentatives.Field, Assert.Single(refused.Errors).Field);
        Assert.Contains("Only verified residents of North Ward", refused.Errors[0].Message, StringComparison.Ordinal);
        // A verified resident of another ward is not a resident of this one.
        Assert.Equal(AskRepresentatives.Field, Assert.Single((await Ask(southResident, alice, "From the south?")).Errors).Field);
        Assert.Equal("text", Assert.Single((await Ask(resident, alice, new string('x', AskRepresentatives.MaxLength + 1))).Errors).Field);
        Assert.Equal("text", Assert.Single((await Ask(resident, alice, "  ")).Errors).Field);
        Assert.True((await Ask(resident, alice, new string('x', AskRepresentatives.MaxLength))).Succeeded);

        var everyone = await Ask(resident, alice, "To both of you: when is the next surgery?", everyone: true);
        Assert.True(everyone.Succeeded);
        Assert.Equal(new[] { alice, bob }.Order(), everyone.Value!.Recipients.Select(r => r.RepresentativeId).Order());
        var bobs = await Db.With<RepresentativeQuestions, IReadOnlyList<RepresentativeQuestionView>>(q => q.ForRepresentativeAsync(bob, null, Ct));
        Assert.Equal(["Alice Green", "Bob Blue"], Assert.Single(bobs).SentTo);
    }

    [Fact]
    public async Task Ask_ThreeADay_EvenInParallel_AgainTheNextDay()
    {
        var results = await Task.WhenAll(Enumerable.Range(1, 10).Select(i => Ask(resident, alice, $"Question number {i} about the bins?")));
        Assert.Equal(AskRepresentatives.PerDay, results.Count(r => r.Succeeded));
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Contains("3 questions today", r.Errors[0].Message, StringComparison.Ordinal));
        // A question to everyone is one question; another resident has their own three.
        Assert.False((await Ask(resident, bob, "One more, to Bob?")).Succeeded);
        Assert.True((await Ask(otherResident, alice, "Someone else may ask", everyone: true)).Succeeded);
        Db.Time.Advance(TimeSpan.FromDays(1));
        Assert.True((await Ask(resident, alice, "A new day, a new question")).Succeeded);
        Assert.Equal(5, (await Rate(alice)).Questions);
    }

    [Fact]
    public async Task Answer_OnlyTheLinkedRepresentative_NotTheOrganiserOrAnotherOrganisationOrTheAsker()
    {
        var question = (await Ask(resident, alice, "Will you fix the crossing?", everyone: true)).Value!;
        Assert.Equal("representative", Assert.Single((await Answer(organiser, question.Id, alice, "As Alice's organiser")).Errors).Field);
        Assert.Equal("representative", Assert.Single((await Answer(otherOrganiser, question.Id, alice, "A rival")).Errors).Field);
        Assert.Equal("representative", Assert.Single((await Answer(resident, question.Id, alice, "The asker")).Errors).Field);
        // Alice answers as herself, not as Bob (the question went to both; Bob is not linked to her).
        Assert.Equal("representative", Assert.Single((await Answer(alicePerson, question.Id, bob, "As Bob")).Errors).Field);
        Assert.Equal("text", Assert.Single((await Answer(alicePerson, question.Id, alice, new string('y', AnswerRepresentativeQuestion.MaxLength + 1))).Errors).Field);
        Db.Time.Advance(TimeSpan.FromHours(5));
        Assert.True((await Answer(alicePerson, question.Id, alice, "Yes, **next month**. <script>alert(1)</script>")).Succeeded);

        var view = Assert.Single(await Db.With<RepresentativeQuestions, IReadOnlyList<RepresentativeQuestionView>>(q => q.ForRepresentativeAsync(alice, resident, Ct)));
        Assert.True(view.AskedByViewer);
        var answer = Assert.Single(view.Answers);
        Assert.Contains("<strong>next month</strong>", answer.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", answer.Html, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromHours(5), answer.AnsweredAt - question.AskedAt);
    }

    [Fact]
    public async Task LinkPerson_OnlyTheRegistrysOrganisers_NotAnotherOrganisationOrARepresentative()
    {
        await Db.PersonAsync("bob@example.org");
        Task<Result<RepresentativeChange>> Link(Guid actor) => Db.With<EditRepresentative, Result<RepresentativeChange>>(e => e.LinkPersonAsync(bob, actor, "bob@example.org", Ct));
        Assert.Equal("representative", Assert.Single((await Link(otherOrganiser)).Errors).Field);
        Assert.Equal("representative", Assert.Single((await Link(alicePerson)).Errors).Field);
        Assert.Equal("representative", Assert.Single((await Link(resident)).Errors).Field);
        Assert.True((await Link(organiser)).Succeeded);
        Assert.Equal("email", Assert.Single((await Db.With<EditRepresentative, Result<RepresentativeChange>>(e => e.LinkPersonAsync(bob, organiser, "nobody@example.org", Ct))).Errors).Field);
    }

    [Fact]
    public async Task FollowUp_OnceAtFourteenDays_OneReminderAtTwentyOne_EvenWhenTheJobRunsTwice()
    {
        var question = (await Ask(resident, alice, "When will the bins be collected again?", everyone: true)).Value!;
        Db.Time.Advance(TimeSpan.FromDays(14) - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await SendDueAsync());
        Assert.Empty(await EmailsToAsync("vera@example.org"));

        Db.Time.Advance(TimeSpan.FromMinutes(1));
        await Task.WhenAll(SendDueAsync(), SendDueAsync());
        Assert.Equal(0, await SendDueAsync());
        var first = Assert.Single(await EmailsToAsync("vera@example.org"));
        Assert.Equal("Did you get a reply to your question?", first.Subject);
        Assert.Contains("Did you get a reply from Alice Green?", first.TextBody, StringComparison.Ordinal);
        Assert.Contains("Did you get a reply from Bob Blue?", first.TextBody, StringComparison.Ordinal);
        var link = first.TextBody.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("- Yes: ", StringComparison.Ordinal))["- Yes: ".Length..];
        Assert.StartsWith("https://answerback.example/representatives/follow-up?token=", link, StringComparison.Ordinal);

        // She answers about Alice only; a week later the reminder asks about Bob alone, once.
        var token = Uri.UnescapeDataString(link.Split("token=")[1].Split('&')[0]);
        Assert.True((await Db.With<QuestionFollowUps, Result<FollowUpView>>(f => f.RecordAsync(token, alice, FollowUpAnswer.Yes, Ct))).Succeeded);
        Db.Time.Advance(TimeSpan.FromDays(7));
        Assert.Equal(1, await SendDueAsync());
        Assert.Equal(0, await SendDueAsync());
        Db.Time.Advance(TimeSpan.FromDays(30));
        Assert.Equal(0, await SendDueAsync());
        var emails = await EmailsToAsync("vera@example.org");
        Assert.Equal(2, emails.Count);
        var reminder = emails.Single(e => e.Id != first.Id);
        Assert.Equal("Reminder: did you get a reply to your question?", reminder.Subject);
        Assert.DoesNotContain("Alice Green", reminder.TextBody, StringComparison.Ordinal);
        Assert.Contains("Bob Blue", reminder.TextBody, StringComparison.Ordinal);
        _ = question;
    }

    [Fact]
    public async Task FollowUpTokens_AreNotGuessable_AndNameOneQuestion()
    {
        var question = (await Ask(resident, alice, "About the play area?")).Value!;
        var tokens = Db.Services.GetRequiredService<FollowUpTokens>();
        var token = tokens.Create(question.Id);
        Assert.Equal(question.Id, tokens.Read(token));
        Assert.Null(tokens.Read(token[..^2] + (token[^2] == 'A' ? "BB" : "AA")));
        Assert.Null(tokens.Read(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(question.Id.ToByteArray())));
        Assert.Null(tokens.Read(null));
        var refused = await Db.With<QuestionFollowUps, Result<FollowUpView>>(f => f.RecordAsync("not-a-token", alice, FollowUpAnswer.Yes, Ct));
        Assert.Equal("token", Assert.Single(refused.Errors).Field);
        // A real token, but for a representative the question did not go to.
        Assert.Equal("representative", Assert.Single((await Db.With<QuestionFollowUps, Result<FollowUpView>>(f => f.RecordAsync(token, bob, FollowUpAnswer.Yes, Ct))).Errors).Field);
        Assert.Null(await Db.With<QuestionFollowUps, FollowUpView?>(f => f.ViewAsync("not-a-token", Ct)));
    }

    [Fact]
    public async Task Rate_FromTheFollowUps_WithWilsonInterval_JudgedFromTenCountedQuestions()
    {
        var tokens = Db.Services.GetRequiredService<FollowUpTokens>();
        async Task AskAndAnswer(Guid person, string text, FollowUpAnswer? followUp)
        {
            var q = (await Ask(person, alice, text)).Value!;
            if (followUp is { } a)
            {
                Assert.True((await Db.With<QuestionFollowUps, Result<FollowUpView>>(f => f.RecordAsync(tokens.Create(q.Id), alice, a, Ct))).Succeeded);
            }
        }

        string[] topics = ["bins", "potholes", "library", "buses", "parks", "lights", "parking", "trees", "noise", "floods", "schools", "shops"];
        var answers = new FollowUpAnswer?[] { FollowUpAnswer.Yes, FollowUpAnswer.Yes, FollowUpAnswer.YesButNotMyPoints, FollowUpAnswer.No, FollowUpAnswer.Yes, FollowUpAnswer.No };
        for (var i = 0; i < 6; i++)
        {
            await AskAndAnswer(i % 2 == 0 ? resident : otherResident, $"What is your plan for the {topics[i]} in North Ward?", answers[i]);
            if (i % 2 == 1)
            {
                Db.Time.Advance(TimeSpan.FromDays(1));
            }
        }

        // Six counted: too few to judge, but the counts are there.
        var few = await Rate(alice);
        Assert.Equal((6, 6, 4), (few.Questions, few.Counted, few.Replied.Count));
        Assert.False(few.Ranked);
        Assert.Null(few.Replied.Value);

        // "Did not expect one" is left out; no answer yet is awaiting; four more make ten counted.
        await AskAndAnswer(resident, "What is your plan for the trees?", FollowUpAnswer.NotExpected);
        await AskAndAnswer(otherResident, "What is your plan for the noise?", null);
        Db.Time.Advance(TimeSpan.FromDays(1));
        for (var i = 0; i < 4; i++)
        {
            await AskAndAnswer(i % 2 == 0 ? resident : otherResident, $"Tell me about {topics[8 + i]} and {topics[i]}, please", i == 0 ? FollowUpAnswer.Yes : FollowUpAnswer.No);
            if (i == 1)
            {
                Db.Time.Advance(TimeSpan.FromDays(1));
            }
        }

        var rate = await Rate(alice);
        Assert.Equal((12, 10, 1, 1, 1), (rate.Questions, rate.Counted, rate.NotExpected, rate.Awaiting, rate.NotMyPoints));
        Assert.True(rate.Ranked);
        Assert.Equal(0.5, rate.Replied.Value!.Value, 10);
        var (low, high) = Scorecards.Wilson(5, 10);
        Assert.Equal((low, high), (rate.Replied.Low!.Value, rate.Replied.High!.Value));
        Assert.InRange(low, 0.236, 0.238);

        // The league tables: Alice ranked, Bob (no questions) too few to judge.
        await using var scope = Db.Scope();
        var questions = scope.ServiceProvider.GetRequiredService<RepresentativeQuestions>();
        var directory = scope.ServiceProvider.GetRequiredService<AccountabilityDirectory>();
        var area = await questions.AreaLeagueAsync("north-ward", directory, Ct);
        Assert.Equal([alice], area!.Ranked.Select(r => r.Representative.Id));
        Assert.Equal([bob], area.TooFew.Select(r => r.Representative.Id));
        var party = await questions.PartyLeagueAsync("testville-blues", directory, Ct);
        Assert.Equal(("Testville Blues", 0, 1), (party!.Title, party.Ranked.Count, party.TooFew.Count));
        var details = await Db.With<AccountabilityDirectory, RepresentativeDetails?>(d => d.GetAsync(alice, Ct));
        Assert.Equal(rate, details!.ResponseRate);
    }

    [Fact]
    public async Task Rate_CountsACampaignOfNearIdenticalQuestionsOnce_AndHiddenQuestionsNotAtAll()
    {
        const string Campaign = "Will you vote against the closure of the Mill Road library at the next council meeting? Residents need it.";
        var tokens = Db.Services.GetRequiredService<FollowUpTokens>();
        var ids = new List<Guid>();
        foreach (var (person, text) in new[] { (resident, Campaign), (otherResident, Campaign.Replace("Residents need it.", "We need it.", StringComparison.Ordinal)), (resident, Campaign + "!"), (otherResident, "Something else entirely: the potholes on Milton Road") })
        {
            var q = (await Ask(person, alice, text)).Value!;
            ids.Add(q.Id);
            Assert.True((await Db.With<QuestionFollowUps, Result<FollowUpView>>(f => f.RecordAsync(tokens.Create(q.Id), alice, FollowUpAnswer.No, Ct))).Succeeded);
        }

        var rate = await Rate(alice);
        Assert.Equal((4, 2, 1, 0), (rate.Questions, rate.Counted, rate.Campaigns, rate.Replied.Count));
        var views = await Db.With<RepresentativeQuestions, IReadOnlyList<RepresentativeQuestionView>>(q => q.ForRepresentativeAsync(alice, null, Ct));
        Assert.Equal(3, views.Single(v => v.Id == ids[0]).SimilarQuestions);
        Assert.Equal(1, views.Single(v => v.Id == ids[3]).SimilarQuestions);

        // A moderator of the registry's organisation hides the unrelated one, for a listed reason: it no longer counts or shows.
        var hidden = await Db.With<HideContent, Result<ModerationDecision>>(h => h.RunAsync(new ModerationSubject(RepresentativeQuestionSubjects.Kind, ids[3]), ModerationReason.OffTopic, organiser, Ct));
        Assert.True(hidden.Succeeded, string.Join("; ", hidden.Errors));
        var refused = await Db.With<HideContent, Result<ModerationDecision>>(h => h.RunAsync(new ModerationSubject(RepresentativeQuestionSubjects.Kind, ids[0]), ModerationReason.OffTopic, otherOrganiser, Ct));
        Assert.False(refused.Succeeded);
        Assert.Equal((3, 1), ((await Rate(alice)).Questions, (await Rate(alice)).Counted));
        views = await Db.With<RepresentativeQuestions, IReadOnlyList<RepresentativeQuestionView>>(q => q.ForRepresentativeAsync(alice, null, Ct));
        var placeholder = views.Single(v => v.Id == ids[3]);
        Assert.Equal((ModerationReason.OffTopic, ""), (placeholder.HiddenReason, placeholder.Text));
        Assert.Equal("question", Assert.Single((await Answer(alicePerson, ids[3], alice, "Too late")).Errors).Field);
    }

    [Fact]
    public async Task AnswerThread_OnceAnswered_ResidentsAndTheRepresentativeComment_OthersRead_RepliesNotify()
    {
        var question = (await Ask(resident, alice, "Will you fix the crossing on Mill Road?")).Value!;
        Task<Result<Comment>> Post(Guid person, string text, Guid? parent = null)
            => Db.With<PostComment, Result<Comment>>(p => p.RunAsync(AnswerCommentThreads.ThreadKind, question.Id, parent, person, text, Ct));

        // No answer yet: no thread, and nothing is posted.
        Assert.Equal("thread", Assert.Single((await Post(resident, "Any news?")).Errors).Field);
        Assert.Null(await Db.With<CommentThreadQuery, CommentThreadView?>(q => q.PageAsync(AnswerCommentThreads.ThreadKind, question.Id, null, 1, Ct)));

        Assert.True((await Answer(alicePerson, question.Id, alice, "Yes, in March: see https://council.example/crossings and [our plan](/representatives).")).Succeeded);
        await using (var scope = Db.Scope())
        {
            // The external link gets a Webmention from the answer's page (the same sender as a party's response); the site's own link does not.
            var sent = await scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>().Set<Answerback.Platform.Webmentions.SentWebmention>().AsNoTracking().ToListAsync(Ct);
            Assert.Equal(("https://answerback.example/representatives/" + alice, "https://council.example/crossings"), (Assert.Single(sent).Source, sent[0].Target));
        }

        var first = await Post(otherResident, "March is too late for the school run.");
        Assert.True(first.Succeeded, string.Join("; ", first.Errors));
        var outsider = await Db.PersonAsync("outsider@example.org");
        var refused = await Post(outsider, "I live elsewhere.");
        Assert.Equal("eligibility", Assert.Single(refused.Errors).Field);
        Assert.Contains("Only verified residents of North Ward", refused.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal("eligibility", Assert.Single((await Post(southResident, "From the south")).Errors).Field);
        Assert.Equal("eligibility", Assert.Single((await Post(organiser, "As the organiser")).Errors).Field);
        // The representative the question went to takes part by answering, so may reply.
        var reply = await Post(alicePerson, "We asked for February; the council said March.", first.Value!.Id);
        Assert.True(reply.Succeeded, string.Join("; ", reply.Errors));

        var view = (await Db.With<CommentThreadQuery, CommentThreadView?>(q => q.PageAsync(AnswerCommentThreads.ThreadKind, question.Id, null, 1, Ct)))!;
        Assert.Equal((2, $"/representatives/{alice}", "Alice Green answers “Will you fix the crossing on Mill Road?”", false),
            (view.Total, view.PublicPath, view.Title, view.ViewerMayTakePart));
        var thread = await Db.With<CommentThreadQuery, CommentThreadInfo?>(q => q.ThreadAsync(AnswerCommentThreads.ThreadKind, question.Id, Ct));
        Assert.Equal(greens, thread!.OrganisationId);
        var told = Assert.Single(await Db.NotificationsAsync(otherResident), n => n.Kind == NotificationKind.CommentReply);
        Assert.Equal($"/representatives/{alice}#comment-{reply.Value!.Id}", told.LinkPath);

        // A hidden question takes its thread with it.
        Assert.True((await Db.With<HideContent, Result<ModerationDecision>>(h => h.RunAsync(new ModerationSubject(RepresentativeQuestionSubjects.Kind, question.Id), ModerationReason.OffTopic, organiser, Ct))).Succeeded);
        Assert.Equal("thread", Assert.Single((await Post(resident, "Why hidden?")).Errors).Field);
    }
}

/// <summary>Counts the queries that read the questions table.</summary>
internal sealed class QuestionReads : DbCommandInterceptor
{
    public int Count;

    private void Saw(DbCommand command)
    {
        if (command.CommandText.Contains("FROM \"RepresentativeQuestions\"", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref Count);
        }
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Saw(command);
        return base.ReaderExecuting(command, eventData, result);
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Saw(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }
}

public sealed class RepresentativeQuestionsSqliteTests() : RepresentativeQuestionsTests(TestProvider.Sqlite);

public sealed class RepresentativeQuestionsPostgresTests() : RepresentativeQuestionsTests(TestProvider.Postgres);
