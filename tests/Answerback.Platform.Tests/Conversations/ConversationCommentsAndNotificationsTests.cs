using Answerback.Platform.Comments;
using Answerback.Platform.Common;
using Answerback.Platform.Conversations;
using Answerback.Platform.Eligibility;
using Answerback.Platform.Notifications;
using Answerback.Platform.Organisations;
using Answerback.Platform.Tests.Infrastructure;
using Answerback.Platform.Tests.Notifications;

namespace Answerback.Platform.Tests.Conversations;

public abstract class ConversationCommentsAndNotificationsTests(TestProvider provider) : PlatformTest(provider)
{
    private Task<int> AnnounceAsync() => Db.With<ConversationAnnouncements, int>(a => a.RunAsync(Ct));

    private async Task<Report> FirstReportAsync()
    {
        Db.Time.Advance(TimeSpan.FromDays(30));
        return Assert.Single(await Db.With<PublishDueReports, IReadOnlyList<Report>>(p => p.RunAsync(Ct)));
    }

    [Fact]
    public async Task ReportThread_OnlyThoseWhoMayVote_MayComment_EveryoneReads()
    {
        var greens = await Db.OrganisationAsync("Greens");
        var organiser = await Db.OrganiserAsync(greens, "org@example.org");
        await Db.With<ImportMembers, MemberImportReport>(i => i.ImportAsync(Arrange.Csv("email\nmember@example.org\n"), "m.csv", greens, Ct));
        var member = await Db.PersonAsync("member@example.org");
        var outsider = await Db.PersonAsync("outsider@example.org");
        var conversation = await Db.ConversationAsync(ConversationArrange.Draft(greens) with { VoteRule = new MemberOf(greens) }, organiser);
        var report = await FirstReportAsync();

        var posted = await Db.With<PostComment, Result<Comment>>(p => p.RunAsync(ReportCommentThreads.ThreadKind, report.Id, null, member, "The response should say when the homes are built.", Ct));
        var refused = await Db.With<PostComment, Result<Comment>>(p => p.RunAsync(ReportCommentThreads.ThreadKind, report.Id, null, outsider, "Me too", Ct));
        var unknown = await Db.With<PostComment, Result<Comment>>(p => p.RunAsync(ReportCommentThreads.ThreadKind, Guid.NewGuid(), null, member, "Where?", Ct));

        Assert.True(posted.Succeeded, string.Join("; ", posted.Errors));
        Assert.Equal("eligibility", Assert.Single(refused.Errors).Field);
        Assert.Contains("Only members of Greens", refused.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal("thread", Assert.Single(unknown.Errors).Field);
        var view = (await Db.With<CommentThreadQuery, CommentThreadView?>(q => q.PageAsync(ReportCommentThreads.ThreadKind, report.Id, null, 1, Ct)))!;
        Assert.Equal((1, $"/conversations/{conversation.Id}/reports/1", "Report 1: Homes in Testville"), (view.Total, view.PublicPath, view.Title));
        var thread = await Db.With<CommentThreadQuery, CommentThreadInfo?>(q => q.ThreadAsync(ReportCommentThreads.ThreadKind, report.Id, Ct));
        Assert.Equal(greens, thread!.OrganisationId);
    }

    [Fact]
    public async Task Announcements_ReportOverdueAndResponse_ToParticipantsOnce_OptOutRespected()
    {
        var greens = await Db.OrganisationAsync("Greens");
        var organiser = await Db.OrganiserAsync(greens, "org@example.org");
        var (alice, bob, carol, outsider) = (await Db.PersonAsync("alice@example.org"), await Db.PersonAsync("bob@example.org"), await Db.PersonAsync("carol@example.org"), await Db.PersonAsync("outsider@example.org"));
        var conversation = await Db.ConversationAsync(ConversationArrange.Draft(greens), organiser);
        var statement = (await Db.PageAsync(conversation.Id, alice))!.Next!;
        Assert.True((await Db.VoteAsync(conversation.Id, statement.Id, alice, 1)).Succeeded);
        Assert.True((await Db.VoteAsync(conversation.Id, statement.Id, bob, -1)).Succeeded);
        Assert.NotNull((await Db.With<AddStatement, Result<StatementAddition>>(a => a.RunAsync(conversation.Id, carol, "Open the empty offices as flats.", true, Ct))).Value!.Added);
        await Db.TurnOffAsync(bob, NotificationKind.ConversationReport);

        var report = await FirstReportAsync();
        var runs = await Task.WhenAll(AnnounceAsync(), AnnounceAsync());
        Assert.Equal(1, runs.Sum());
        Assert.Equal(0, await AnnounceAsync());
        foreach (var person in new[] { alice, carol })
        {
            var told = Assert.Single(await Db.NotificationsAsync(person));
            Assert.Equal((NotificationKind.ConversationReport, NotificationDelivery.Immediate, $"/conversations/{conversation.Id}/reports/1"), (told.Kind, told.Delivery, told.LinkPath));
        }

        Assert.Equal(NotificationDelivery.Off, Assert.Single(await Db.NotificationsAsync(bob)).Delivery);
        Assert.Equal(0, await Db.QueuedEmailsToAsync("bob@example.org"));
        Assert.Empty(await Db.NotificationsAsync(outsider));
        Assert.Empty(await Db.NotificationsAsync(organiser));

        Db.Time.Advance(TimeSpan.FromDays(14) - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await AnnounceAsync());
        Db.Time.Advance(TimeSpan.FromMinutes(2)); // the deadline passes: nothing is stored, the clock decides
        runs = await Task.WhenAll(AnnounceAsync(), AnnounceAsync());
        Assert.Equal(1, runs.Sum());
        Assert.Equal(0, await AnnounceAsync());
        Assert.Equal([NotificationKind.ConversationReport, NotificationKind.ResponseOverdue], (await Db.NotificationsAsync(bob)).Select(n => n.Kind));
        Assert.Equal(1, await Db.QueuedEmailsToAsync("bob@example.org"));

        Db.Time.Advance(TimeSpan.FromMinutes(1));
        var points = report.HighlightedIds.Select(id => new PointDraft(id, ResponseDecision.Adopted, null, null)).ToList();
        Assert.True((await Db.With<PublishResponse, Result<Response>>(p => p.RunAsync(report.Id, organiser, "We will open the offices.", points, Ct))).Succeeded);
        Assert.Equal(1, await AnnounceAsync());
        Assert.Equal(0, await AnnounceAsync());
        var response = (await Db.NotificationsAsync(alice))[^1];
        Assert.Equal((NotificationKind.ConversationResponse, "Greens responded to report 1 of Homes in Testville"), (response.Kind, response.Subject));
        Assert.Equal(3, (await Db.NotificationsAsync(carol)).Count);
    }
}

public sealed class ConversationCommentsAndNotificationsSqliteTests() : ConversationCommentsAndNotificationsTests(TestProvider.Sqlite);

public sealed class ConversationCommentsAndNotificationsPostgresTests() : ConversationCommentsAndNotificationsTests(TestProvider.Postgres);
