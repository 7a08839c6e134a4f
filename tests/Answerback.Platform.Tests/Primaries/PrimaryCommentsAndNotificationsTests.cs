using Answerback.Platform.Comments;
using Answerback.Platform.Common;
using Answerback.Platform.Notifications;
using Answerback.Platform.Primaries;
using Answerback.Platform.Tests.Infrastructure;
using Answerback.Platform.Tests.Notifications;

namespace Answerback.Platform.Tests.Primaries;

public abstract class PrimaryCommentsAndNotificationsTests(TestProvider provider) : PlatformTest(provider)
{
    private Task<Result<Comment>> PostAsync(string kind, Guid thread, Guid person, string body)
        => Db.With<PostComment, Result<Comment>>(p => p.RunAsync(kind, thread, null, person, body, Ct));

    private Task<CommentThreadView?> ViewAsync(string kind, Guid thread, Guid? viewer)
        => Db.With<CommentThreadQuery, CommentThreadView?>(q => q.PageAsync(kind, thread, viewer, 1, Ct));

    [Fact]
    public async Task PrimaryAndCandidateThreads_ElectorateAndCandidatesMayComment_OthersRefused_EveryoneReads()
    {
        var s = await Db.HustingsAsync();

        var onPrimary = await PostAsync(PrimaryCommentThreads.ThreadKind, s.Primary.Id, s.Member, "Will there be a hustings meeting in the library?");
        var byCandidate = await PostAsync(PrimaryCommentThreads.ThreadKind, s.Primary.Id, s.Ana, "Yes: Thursday at seven.");
        var onCandidate = await PostAsync(CandidateCommentThreads.ThreadKind, s.AnaCandidate, s.OtherMember, "Ana's answer on crossings convinced me.");
        var outsiderOnPrimary = await PostAsync(PrimaryCommentThreads.ThreadKind, s.Primary.Id, s.Outsider, "Let me in");
        var outsiderOnCandidate = await PostAsync(CandidateCommentThreads.ThreadKind, s.BenCandidate, s.Outsider, "Let me in");

        Assert.True(onPrimary.Succeeded && byCandidate.Succeeded && onCandidate.Succeeded);
        Assert.All([outsiderOnPrimary, outsiderOnCandidate], r =>
        {
            Assert.Equal("eligibility", Assert.Single(r.Errors).Field);
            Assert.StartsWith("Only members of Testville Greens", r.Errors[0].Message, StringComparison.Ordinal);
        });
        var anonymous = (await ViewAsync(PrimaryCommentThreads.ThreadKind, s.Primary.Id, null))!;
        Assert.Equal((2, $"/primaries/{s.Primary.Id}", false, false), (anonymous.Total, anonymous.PublicPath, anonymous.ViewerSignedIn, anonymous.ViewerMayTakePart));
        var outsider = (await ViewAsync(CandidateCommentThreads.ThreadKind, s.AnaCandidate, s.Outsider))!;
        Assert.Equal((1, $"/primaries/{s.Primary.Id}/candidates/{s.AnaCandidate}", false), (outsider.Total, outsider.PublicPath, outsider.ViewerMayTakePart));
        Assert.StartsWith("Only members of", outsider.WhyNot, StringComparison.Ordinal);
        var thread = await Db.With<CommentThreadQuery, CommentThreadInfo?>(q => q.ThreadAsync(CandidateCommentThreads.ThreadKind, s.AnaCandidate, Ct));
        Assert.Equal((s.Organisation, "ana@example.org, North Ward candidate"), (thread!.OrganisationId, thread.Title));
    }

    [Fact]
    public async Task Threads_DraftPrimaryAndUnapprovedCandidate_HaveNone()
    {
        var s = await Db.HustingsAsync();
        var ward = s.Primary.AreaId;
        var draft = await Db.PrimaryAsync(s.Organiser, s.Organisation, ward, publish: false, electorate: Electorate.Members);
        var nominee = await Db.PersonAsync("nominee@example.org");
        var second = await Db.PrimaryAsync(s.Organiser, s.Organisation, ward, electorate: Electorate.Members);
        Db.Time.Advance(TimeSpan.FromDays(1));
        var nominated = (await Db.With<Nominate, Result<NominationOutcome>>(n => n.NominateAsync(nominee, second.Id, null, Ct))).Value!.Candidate!;

        Assert.Null(await ViewAsync(PrimaryCommentThreads.ThreadKind, draft.Id, s.Member));
        Assert.Null(await ViewAsync(CandidateCommentThreads.ThreadKind, nominated.Id, s.Member));
        Assert.Equal("thread", Assert.Single((await PostAsync(PrimaryCommentThreads.ThreadKind, draft.Id, s.Member, "Early")).Errors).Field);
        Assert.Equal("thread", Assert.Single((await PostAsync(CandidateCommentThreads.ThreadKind, nominated.Id, s.Member, "Early")).Errors).Field);
    }

    [Fact]
    public async Task AnswerQuestion_TellsTheAskerOncePerAnswer_RevisionTellsNobody_OptOutSendsNothing()
    {
        var s = await Db.HustingsAsync();
        await Db.TurnOffAsync(s.OtherMember, NotificationKind.QuestionAnswered);
        var question = (await Db.With<AskQuestion, Result<HustingsQuestion>>(a => a.AskAsync(s.Member, s.Primary.Id, "Will you keep the youth club open?", Ct))).Value!;
        var other = (await Db.With<AskQuestion, Result<HustingsQuestion>>(a => a.AskAsync(s.OtherMember, s.Primary.Id, "Buses?", Ct))).Value!;
        Task<Result<HustingsAnswer>> Answer(Guid candidate, Guid q, string text) => Db.With<AnswerQuestion, Result<HustingsAnswer>>(a => a.AnswerAsync(candidate, q, text, Ct));

        Assert.True((await Answer(s.Ana, question.Id, "Yes.")).Succeeded);
        Assert.True((await Answer(s.Ana, question.Id, "Yes, and open it on Sundays.")).Succeeded);
        Db.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await Answer(s.Ben, question.Id, "It depends on the budget.")).Succeeded);
        Assert.True((await Answer(s.Ana, other.Id, "Every ten minutes.")).Succeeded);

        var told = await Db.NotificationsAsync(s.Member);
        Assert.Equal(2, told.Count);
        Assert.All(told, n => Assert.Equal((NotificationKind.QuestionAnswered, NotificationDelivery.Immediate, $"/primaries/{s.Primary.Id}/hustings#question-{question.Id}"), (n.Kind, n.Delivery, n.LinkPath)));
        Assert.Equal("ana@example.org answered your question in North Ward candidate", told[0].Subject);
        Assert.Equal(2, await Db.QueuedEmailsToAsync("member@example.org"));
        Assert.Equal(NotificationDelivery.Off, Assert.Single(await Db.NotificationsAsync(s.OtherMember)).Delivery);
        Assert.Equal(0, await Db.QueuedEmailsToAsync("member2@example.org"));
    }

    [Fact]
    public async Task Announcements_VotingOpensAndResult_TellTheElectorateOnce_EvenTwoRunsAtOnce()
    {
        var s = await Db.HustingsAsync();
        Task<int> Run() => Db.With<PrimaryAnnouncements, int>(a => a.RunAsync(Ct));
        Assert.Equal(0, await Run());

        Db.Time.Advance(TimeSpan.FromDays(7)); // voting opens: derived from the clock, no stored step
        var runs = await Task.WhenAll(Run(), Run());
        Assert.Equal(1, runs.Sum());
        Assert.Equal(0, await Run());
        foreach (var member in new[] { s.Member, s.OtherMember })
        {
            var opened = Assert.Single(await Db.NotificationsAsync(member));
            Assert.Equal((NotificationKind.PrimaryOpened, PrimaryAnnouncements.OpenedKey(s.Primary.Id), $"/primaries/{s.Primary.Id}/vote"), (opened.Kind, opened.EventKey, opened.LinkPath));
        }

        Assert.Empty(await Db.NotificationsAsync(s.Outsider));
        Assert.Empty(await Db.NotificationsAsync(s.Ana)); // a candidate, not in the electorate

        Db.Time.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        Assert.Equal(0, await Run());
        Assert.Equal(1, await Db.With<CountPrimary, int>(c => c.RunDueAsync(Ct)));
        runs = await Task.WhenAll(Run(), Run());
        Assert.Equal(1, runs.Sum());
        Assert.Equal(0, await Run());
        var result = (await Db.NotificationsAsync(s.Member))[^1];
        Assert.Equal((NotificationKind.PrimaryResult, $"/primaries/{s.Primary.Id}/result"), (result.Kind, result.LinkPath));
        Assert.Equal(2, (await Db.NotificationsAsync(s.OtherMember)).Count);
        Assert.Empty(await Db.NotificationsAsync(s.Outsider));
    }
}

public sealed class PrimaryCommentsAndNotificationsSqliteTests() : PrimaryCommentsAndNotificationsTests(TestProvider.Sqlite);

public sealed class PrimaryCommentsAndNotificationsPostgresTests() : PrimaryCommentsAndNotificationsTests(TestProvider.Postgres);
