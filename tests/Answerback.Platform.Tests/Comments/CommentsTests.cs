using Answerback.Platform.Comments;
using Answerback.Platform.Common;
using Answerback.Platform.Moderation;
using Answerback.Platform.Organisations;
using Answerback.Platform.Tests.Infrastructure;
using Answerback.Platform.Tests.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Answerback.Platform.Tests.Comments;

public abstract class CommentsTests(TestProvider provider) : PlatformTest(provider)
{
    private readonly TestThreads threads = new();

    protected override void ConfigureServices(IServiceCollection services)
        => services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommentThreadOwner>(threads));

    private async Task<(Guid Organisation, Guid Thread, Guid Alice, Guid Bob, Guid Outsider)> ArrangeAsync()
    {
        var organisation = await Db.OrganisationAsync("Greens");
        var alice = await Db.PersonAsync("alice@example.org");
        var bob = await Db.PersonAsync("bob@example.org");
        var outsider = await Db.PersonAsync("outsider@example.org");
        return (organisation, threads.Add(organisation, alice, bob), alice, bob, outsider);
    }

    private Task<Result<Comment>> PostAsync(Guid thread, Guid person, string body, Guid? parent = null)
        => Db.With<PostComment, Result<Comment>>(p => p.RunAsync("test-thread", thread, parent, person, body, Ct));

    private async Task<CommentThreadView> ViewAsync(Guid thread, Guid? viewer = null, int page = 1)
        => (await Db.With<CommentThreadQuery, CommentThreadView?>(q => q.PageAsync("test-thread", thread, viewer, page, Ct)))!;

    [Fact]
    public async Task Post_Markdown_RenderedAndSanitised()
    {
        var (_, thread, alice, _, _) = await ArrangeAsync();

        var result = await PostAsync(thread, alice, "**Yes**, see [the plan](https://example.org/plan)\n\n<script>alert(1)</script> [x](javascript:alert(1)) ![img](https://example.org/i.png)");

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var html = Assert.Single((await ViewAsync(thread)).Comments).BodyHtml;
        Assert.Contains("<strong>Yes</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.org/plan\" rel=\"nofollow ugc noopener\">the plan</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Post_PersonWhoMayNotTakePart_RefusedWithTheReason_UnknownThreadRefused()
    {
        var (_, thread, _, _, outsider) = await ArrangeAsync();

        var refused = await PostAsync(thread, outsider, "Let me in");
        var unknown = await Db.With<PostComment, Result<Comment>>(p => p.RunAsync("test-thread", Guid.NewGuid(), null, outsider, "Hello", Ct));

        Assert.Equal(("eligibility", "Only verified residents of Testville may take part."), (Assert.Single(refused.Errors).Field, refused.Errors[0].Message));
        Assert.Equal("thread", Assert.Single(unknown.Errors).Field);
        var view = await ViewAsync(thread, outsider);
        Assert.Empty(view.Comments);
        Assert.Equal((false, "Only verified residents of Testville may take part."), (view.ViewerMayTakePart, view.WhyNot));
    }

    [Fact]
    public async Task Post_NearlyTheSameTwiceWithinTheWindow_RefusedAndNotDoubled_LaterAllowed()
    {
        var (_, thread, alice, bob, _) = await ArrangeAsync();
        Assert.True((await PostAsync(thread, alice, "The bus to Trumpington should run every ten minutes.")).Succeeded);
        Db.Time.Advance(TimeSpan.FromMinutes(2));

        var repeat = await PostAsync(thread, alice, "the bus to trumpington should run every 10 minutes!");
        var someoneElse = await PostAsync(thread, bob, "The bus to Trumpington should run every ten minutes.");

        Assert.Equal("You posted nearly the same comment 2 minutes ago; it is already there, so this one was not posted.", Assert.Single(repeat.Errors).Message);
        Assert.True(someoneElse.Succeeded);
        Assert.Equal(2, (await ViewAsync(thread)).Total);
        Db.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.True((await PostAsync(thread, alice, "The bus to Trumpington should run every ten minutes.")).Succeeded);
    }

    [Fact]
    public async Task Post_SameCommentEightTimesAtOnce_PostedOnce()
    {
        var (_, thread, alice, _, _) = await ArrangeAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync(thread, alice, "Double click")));

        Assert.Single(results, r => r.Succeeded);
        Assert.Equal(1, (await ViewAsync(thread)).Total);
    }

    [Fact]
    public async Task Post_MoreThanTheLimitInAMinute_Refused()
    {
        var (_, thread, alice, _, _) = await ArrangeAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.True((await PostAsync(thread, alice, $"Point number {i}: " + new string((char)('a' + i), 30))).Succeeded);
        }

        var sixth = await PostAsync(thread, alice, "One more, quite different from the others");

        Assert.StartsWith("You have posted many comments in a short time", Assert.Single(sixth.Errors).Message, StringComparison.Ordinal);
        Db.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await PostAsync(thread, alice, "One more, quite different from the others")).Succeeded);
    }

    [Fact]
    public async Task Replies_ShownUnderTheirParentsInOrder_PagedByTopLevelComments()
    {
        var (_, thread, alice, bob, _) = await ArrangeAsync();
        var first = (await PostAsync(thread, alice, "First")).Value!;
        Db.Time.Advance(TimeSpan.FromSeconds(1));
        var second = (await PostAsync(thread, bob, "Second")).Value!;
        Db.Time.Advance(TimeSpan.FromSeconds(1));
        var reply = (await PostAsync(thread, bob, "Reply to first", first.Id)).Value!;
        Db.Time.Advance(TimeSpan.FromSeconds(1));
        await PostAsync(thread, alice, "Reply to the reply", reply.Id);

        var view = await ViewAsync(thread);

        Assert.Equal([("First", 0), ("Reply to first", 1), ("Reply to the reply", 2), ("Second", 0)], view.Comments.Select(c => (Text(c.BodyHtml), c.Depth)));
        Assert.Equal("parent", Assert.Single((await PostAsync(threads.Add(Guid.Empty, alice), alice, "Elsewhere", second.Id)).Errors).Field);
    }

    [Fact]
    public async Task PageAsync_WholeBranchesUpToThePageSize()
    {
        var (_, thread, alice, bob, _) = await ArrangeAsync();
        var first = (await PostAsync(thread, alice, "Branch one")).Value!;
        for (var i = 0; i < CommentThreadQuery.PageSize; i++)
        {
            Db.Time.Advance(TimeSpan.FromMinutes(2));
            Assert.True((await PostAsync(thread, i % 2 == 0 ? bob : alice, $"Reply {i} " + new string((char)('a' + (i % 26)), i % 7), first.Id)).Succeeded);
        }

        Db.Time.Advance(TimeSpan.FromMinutes(2));
        await PostAsync(thread, bob, "Branch two");

        var one = await ViewAsync(thread, page: 1);
        var two = await ViewAsync(thread, page: 2);

        Assert.Equal((CommentThreadQuery.PageSize + 2, 2, CommentThreadQuery.PageSize + 1), (one.Total, one.PageCount, one.Comments.Count));
        Assert.Equal("Branch two", Text(Assert.Single(two.Comments).BodyHtml));
    }

    [Fact]
    public async Task Edit_WithinTenMinutes_HistoryPublic_LaterOrByAnotherRefused()
    {
        var (_, thread, alice, bob, _) = await ArrangeAsync();
        var comment = (await PostAsync(thread, alice, "Teh plan")).Value!;
        Db.Time.Advance(TimeSpan.FromMinutes(3));

        var edited = await Db.With<EditComment, Result<Comment>>(e => e.RunAsync(comment.Id, alice, "The plan", Ct));
        var byBob = await Db.With<EditComment, Result<Comment>>(e => e.RunAsync(comment.Id, bob, "Bob's plan", Ct));
        Db.Time.Advance(TimeSpan.FromMinutes(8));
        var late = await Db.With<EditComment, Result<Comment>>(e => e.RunAsync(comment.Id, alice, "The plan, later", Ct));

        Assert.True(edited.Succeeded);
        Assert.Equal("Only its author may edit a comment.", Assert.Single(byBob.Errors).Message);
        Assert.Contains("can be edited for 10 minutes", Assert.Single(late.Errors).Message, StringComparison.Ordinal);
        var history = await Db.With<CommentThreadQuery, IReadOnlyList<(string BodyHtml, DateTimeOffset WrittenAt)>>(q => q.HistoryAsync(comment.Id, Ct));
        Assert.Equal(["The plan", "Teh plan"], history.Select(h => Text(h.BodyHtml)));
        Assert.NotNull(Assert.Single((await ViewAsync(thread, alice)).Comments).EditedAt);
    }

    [Fact]
    public async Task Delete_PlaceholderKeepsReplies_TextAndHistoryGone()
    {
        var (_, thread, alice, bob, _) = await ArrangeAsync();
        var comment = (await PostAsync(thread, alice, "Regrettable")).Value!;
        await Db.With<EditComment, Result<Comment>>(e => e.RunAsync(comment.Id, alice, "Still regrettable", Ct));
        await PostAsync(thread, bob, "I disagree", comment.Id);

        Assert.Equal("Only its author may delete a comment.", Assert.Single((await Db.With<DeleteComment, Result<Comment>>(d => d.RunAsync(comment.Id, bob, Ct))).Errors).Message);
        Assert.True((await Db.With<DeleteComment, Result<Comment>>(d => d.RunAsync(comment.Id, alice, Ct))).Succeeded);

        var view = await ViewAsync(thread);
        Assert.Equal([(true, ""), (false, "I disagree")], view.Comments.Select(c => (c.Deleted, Text(c.BodyHtml))));
        Assert.Empty(await Db.With<CommentThreadQuery, IReadOnlyList<(string BodyHtml, DateTimeOffset WrittenAt)>>(q => q.HistoryAsync(comment.Id, Ct)));
    }

    [Fact]
    public async Task FlagAndHide_ThroughModeration_OnlyTheThreadOrganisationsModerator()
    {
        var (organisation, thread, alice, bob, outsider) = await ArrangeAsync();
        var moderator = await Db.PersonAsync("mod@example.org");
        await Db.With<GrantOrganisationRole, Result<RoleChange>>(g => g.GrantAsync(organisation, moderator, OrganisationRoleKind.Moderator, Ct));
        var comment = (await PostAsync(thread, alice, "Bob lives at 12 Mill Road")).Value!;
        var subject = new ModerationSubject(CommentsModeration.Kind, comment.Id);

        Assert.True((await Db.With<FlagContent, Result>(f => f.RunAsync(subject, ModerationReason.PersonalData, null, bob, Ct))).Succeeded);
        var item = Assert.Single((await Db.With<WaitingForModeration, ModerationQueuePage>(w => w.PageAsync(moderator, 1, Ct))).Items);
        Assert.Equal(("Bob lives at 12 Mill Road", $"/test-threads/{thread}#comment-{comment.Id}"), (item.Excerpt, item.PublicPath));
        Assert.Equal("moderator", Assert.Single((await Db.With<HideContent, Result<ModerationDecision>>(h => h.RunAsync(subject, ModerationReason.PersonalData, outsider, Ct))).Errors).Field);
        Assert.True((await Db.With<HideContent, Result<ModerationDecision>>(h => h.RunAsync(subject, ModerationReason.PersonalData, moderator, Ct))).Succeeded);

        var shown = Assert.Single((await ViewAsync(thread, moderator)).Comments);
        Assert.Equal((ModerationReason.PersonalData, ""), (shown.HiddenFor, shown.BodyHtml));
        Assert.True((await ViewAsync(thread, moderator)).ViewerModerates);
        Assert.False((await Db.With<EditComment, Result<Comment>>(e => e.RunAsync(comment.Id, alice, "Edited away", Ct))).Succeeded);
    }

    [Fact]
    public async Task Reply_TellsTheParentsAuthorOncePerReply_NotForOwnReplies()
    {
        var (_, thread, alice, bob, _) = await ArrangeAsync();
        var comment = (await PostAsync(thread, alice, "More buses, please")).Value!;
        Db.Time.Advance(TimeSpan.FromMinutes(1));
        var reply = (await PostAsync(thread, bob, "Which routes?", comment.Id)).Value!;
        Db.Time.Advance(TimeSpan.FromMinutes(1));
        await PostAsync(thread, alice, "The 7 and the 8", reply.Id);
        Db.Time.Advance(TimeSpan.FromMinutes(1));
        await PostAsync(thread, alice, "And the 9, replying to myself", comment.Id);

        var told = Assert.Single(await Db.NotificationsAsync(alice));
        Assert.Equal((Answerback.Platform.Notifications.NotificationKind.CommentReply, "comment-reply:" + reply.Id.ToString("N"), $"/test-threads/{thread}#comment-{reply.Id}", "bob@example.org replied to your comment on Test thread"),
            (told.Kind, told.EventKey, told.LinkPath, told.Subject));
        Assert.Contains("Which routes?", told.Text, StringComparison.Ordinal);
        Assert.Single(await Db.NotificationsAsync(bob));
    }

    private static string Text(string html) => System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", "").Trim();
}

public sealed class CommentsSqliteTests() : CommentsTests(TestProvider.Sqlite);

public sealed class CommentsPostgresTests() : CommentsTests(TestProvider.Postgres);

public sealed class CommentTextTests
{
    [Theory]
    [InlineData("Hello, World!", "hello world")]
    [InlineData("  The   bus\n\nruns. ", "the bus runs")]
    public void Fingerprint_IgnoresCasePunctuationAndSpacing(string text, string expected) => Assert.Equal(expected, CommentText.Fingerprint(text));

    [Theory]
    [InlineData("the bus should run every ten minutes", "the bus should run every 10 minutes", true)]
    [InlineData("yes", "no", false)]
    [InlineData("the bus should run every ten minutes", "the tram should stop at the station", false)]
    public void NearlyIdentical_SmallEditsOnly(string a, string b, bool expected) => Assert.Equal(expected, CommentText.NearlyIdentical(a, b));
}
