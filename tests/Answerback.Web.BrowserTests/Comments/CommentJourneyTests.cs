using System.Text.RegularExpressions;
using Answerback.Platform.Demo;
using Answerback.Platform.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Answerback.Web.BrowserTests.Comments;

/// <summary>
/// Comments on a real page of the demo (a candidate's page in the hustings-phase primary), every
/// page scanned with axe-core: a resident comments and is told her near-repeat was not posted, edits
/// (the history is public), chooses the weekly digest for replies; the candidate replies and reports
/// the comment; the moderator hides it with a reason, which is on the public log; the digest tells
/// the resident of the reply, and its unsubscribe address is posted to as a mail client would
/// (RFC 8058 one-click, no cookies).
/// </summary>
public sealed partial class CommentJourneyTests(LiveApp app) : IClassFixture<LiveApp>
{
    private const string Hustings = "Arbury ward candidate (demo)";

    private const string Resident = "Vera Resident (demo)";

    [GeneratedRegex(@"https?://\S+/notifications/unsubscribe\?token=[A-Za-z0-9_%-]+")]
    private static partial Regex UnsubscribeLink();

    [Fact]
    public async Task Journey_CommentRepeatEditReplyReportHideDigestUnsubscribe()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;

        // The resident finds the candidate's page and comments.
        var resident = await app.SignedInAsync(browser, "Vera Resident");
        await resident.GotoAsync("/primaries");
        await resident.GetByRole(AriaRole.Link, new() { Name = Hustings }).ClickAsync();
        await Expect(resident.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Comments \\(") })).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(resident);
        await resident.GetByRole(AriaRole.Link, new() { Name = "Ana Candidate (demo)" }).First.ClickAsync();
        var candidatePage = resident.Url;
        await Browser.AssertAccessibleAsync(resident);
        var comment = "Ana's plan for the Arbury Road crossing is the best I have read " + Guid.NewGuid().ToString("N")[..6];
        await resident.GetByLabel("Add a comment").FillAsync(comment);
        await resident.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();
        var mine = resident.GetByRole(AriaRole.Article, new() { Name = "Comment by " + Resident });
        await Expect(mine).ToContainTextAsync(comment);
        await Browser.AssertAccessibleAsync(resident);

        // Nearly the same again: told so, and nothing is doubled.
        await resident.GetByLabel("Add a comment").FillAsync(comment.ToUpperInvariant() + "!");
        await resident.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();
        await Expect(resident.GetByText("You posted nearly the same comment")).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(resident);
        await resident.GotoAsync(candidatePage);
        await Expect(mine).ToHaveCountAsync(1);

        // She edits it; the earlier version stays in the public history.
        await mine.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await Browser.AssertAccessibleAsync(resident);
        var edited = comment + ", and the safest.";
        await resident.GetByLabel("Your comment").FillAsync(edited);
        await resident.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(mine).ToContainTextAsync("and the safest");
        await mine.GetByRole(AriaRole.Link, new() { Name = "edited" }).ClickAsync();
        await Expect(resident.GetByText(comment, new() { Exact = true })).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(resident);

        // She wants replies in her weekly digest.
        await resident.GotoAsync("/notifications/preferences");
        await resident.GetByRole(AriaRole.Group, new() { Name = "Someone replies to your comment" }).GetByLabel("In my weekly digest").CheckAsync();
        await resident.GetByRole(AriaRole.Button, new() { Name = "Save my choices" }).ClickAsync();
        await Expect(resident.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your choices are saved.");
        await Browser.AssertAccessibleAsync(resident);

        // The candidate replies, and reports the comment to the moderators.
        var candidate = await app.SignedInAsync(browser, "Ana Candidate");
        await candidate.GotoAsync(candidatePage);
        await candidate.GetByRole(AriaRole.Link, new() { Name = "Reply to " + Resident }).ClickAsync();
        await Browser.AssertAccessibleAsync(candidate);
        await candidate.GetByLabel("Your comment").FillAsync("Thank you: the crossing comes **first**.");
        await candidate.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();
        await Expect(candidate.GetByRole(AriaRole.Article, new() { Name = "Comment by Ana Candidate (demo)" }).GetByText("first")).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(candidate);
        await candidate.GetByRole(AriaRole.Link, new() { Name = "Report this comment by " + Resident }).ClickAsync();
        await Browser.AssertAccessibleAsync(candidate);
        await candidate.GetByLabel("off-topic").CheckAsync();
        await candidate.GetByRole(AriaRole.Button, new() { Name = "Report" }).ClickAsync();
        await Browser.AssertAccessibleAsync(candidate);

        // The moderator hides it for a listed reason; the log shows the decision.
        var moderator = await app.SignedInAsync(browser, "Mo Moderator");
        await moderator.GotoAsync(candidatePage);
        await moderator.GetByRole(AriaRole.Link, new() { Name = "Hide this comment by " + Resident }).ClickAsync();
        await Browser.AssertAccessibleAsync(moderator);
        await moderator.GetByLabel("off-topic").CheckAsync();
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Hide" }).ClickAsync();
        await Browser.AssertAccessibleAsync(moderator);
        await moderator.GotoAsync("/moderation");
        var entry = moderator.GetByRole(AriaRole.Row).Filter(new() { HasText = "comment" }).First;
        await Expect(entry).ToContainTextAsync("off-topic");
        await Browser.AssertAccessibleAsync(moderator);
        await resident.GotoAsync(candidatePage);
        await Expect(resident.GetByText(edited)).ToHaveCountAsync(0);
        await Expect(mine.GetByText("Hidden by a moderator (reason: off-topic)")).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(resident);

        // The weekly digest tells her of the reply; she reads it in the demo outbox.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<SendWeeklyDigest>().RunAsync(TestContext.Current.CancellationToken) >= 1);
        }

        var digest = await app.WaitForOutboxAsync(DemoData.VerifiedResidentEmail, "Your weekly digest: Ana Candidate (demo) replied to your comment");
        await resident.GotoAsync("/operator/outbox/" + digest.Id);
        await Expect(resident.GetByRole(AriaRole.Main)).ToContainTextAsync("replied to your comment on Ana Candidate (demo)");
        await Browser.AssertAccessibleAsync(resident);

        // Her mail client's one-click unsubscribe: a POST of List-Unsubscribe=One-Click, no session.
        var link = UnsubscribeLink().Match(digest.TextBody).Value;
        await using var mailClient = await playwright.APIRequest.NewContextAsync();
        var form = mailClient.CreateFormData();
        form.Set("List-Unsubscribe", "One-Click");
        var posted = await mailClient.PostAsync(link, new() { Form = form });
        Assert.Equal(200, posted.Status);
        await resident.GotoAsync("/notifications/preferences");
        await Expect(resident.GetByRole(AriaRole.Group, new() { Name = "Someone replies to your comment" }).GetByLabel("Off")).ToBeCheckedAsync();
        await Expect(resident.GetByRole(AriaRole.Group, new() { Name = "A question you asked is answered" }).GetByLabel("Off")).ToBeCheckedAsync();
        await Browser.AssertAccessibleAsync(resident);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
