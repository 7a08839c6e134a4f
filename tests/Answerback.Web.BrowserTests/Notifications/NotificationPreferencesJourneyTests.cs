using System.Text.RegularExpressions;
using Answerback.Platform.Accounts;
using Answerback.Platform.Demo;
using Answerback.Platform.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Answerback.Web.BrowserTests.Notifications;

/// <summary>A resident chooses their notification emails, reads a weekly digest, and unsubscribes from a message with no session.</summary>
public sealed partial class NotificationPreferencesJourneyTests(LiveApp app) : IClassFixture<LiveApp>
{
    [GeneratedRegex(@"https?://\S+/notifications/unsubscribe\?token=[A-Za-z0-9_%-]+")]
    private static partial Regex UnsubscribeLink();

    [Fact]
    public async Task Preferences_DigestAndUnsubscribe_WorkByKeyboardAndMouseWithNoSeriousViolations()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { BaseURL = app.Address.ToString() });
        var noah = await PersonIdAsync(DemoData.NewResidentEmail);

        // Choose: replies in the weekly digest, primaries opening off.
        await Browser.SignInAsync(page, "Noah Newcomer");
        await page.GetByRole(AriaRole.Link, new() { Name = "Choose which emails you get, and how often" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Email notifications" })).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(page);
        var replies = page.GetByRole(AriaRole.Group, new() { Name = "Someone replies to your comment" });
        await replies.GetByLabel("In my weekly digest").CheckAsync();
        var opens = page.GetByRole(AriaRole.Group, new() { Name = "A primary you may vote in opens" });
        // By keyboard: focus the first choice and move with the arrow keys, as radio groups do.
        await opens.GetByLabel("Email me at once").FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my choices" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your choices are saved.");
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Someone replies to your comment" }).GetByLabel("In my weekly digest")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "A primary you may vote in opens" }).GetByLabel("Off")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "A question you asked is answered" }).GetByLabel("Email me at once")).ToBeCheckedAsync();
        await Browser.AssertAccessibleAsync(page);

        // Two replies wait for the digest; the weekly job sends one email with both (read in the demo outbox).
        await NotifyAsync(new Notification(NotificationKind.CommentReply, noah, "reply:browser:1", "Ana replied to your comment", "Text", "/areas/cambridge"));
        await NotifyAsync(new Notification(NotificationKind.CommentReply, noah, "reply:browser:2", "Ben replied to your comment", "Text", "/areas/cambridge"));
        await NotifyAsync(new Notification(NotificationKind.PrimaryOpened, noah, "opened:browser:1", "A primary opened", "Text", "/areas/cambridge"));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<SendWeeklyDigest>().RunAsync(TestContext.Current.CancellationToken));
        }

        var digest = await WaitForOutboxAsync(DemoData.NewResidentEmail, "Your weekly digest: 2 updates");
        Assert.DoesNotContain("A primary opened", digest.TextBody, StringComparison.Ordinal);
        await page.GotoAsync("/operator/outbox/" + digest.Id);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your weekly digest: 2 updates" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Ana replied to your comment");
        await Browser.AssertAccessibleAsync(page);

        // An immediate email; its unsubscribe link opened in a browser with no session.
        await NotifyAsync(new Notification(NotificationKind.QuestionAnswered, noah, "answer:browser:1", "Your question was answered", "Text", "/areas/cambridge"));
        var answered = await WaitForOutboxAsync(DemoData.NewResidentEmail, "Your question was answered");
        var link = UnsubscribeLink().Match(answered.TextBody).Value;
        await using var anonymous = await browser.NewContextAsync();
        var stranger = await anonymous.NewPageAsync();
        await stranger.GotoAsync(link);
        await Assertions.Expect(stranger.GetByRole(AriaRole.Heading, new() { Name = "Unsubscribe" })).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(stranger);
        await stranger.GetByRole(AriaRole.Button, new() { Name = "Unsubscribe" }).ClickAsync();
        await Assertions.Expect(stranger.GetByRole(AriaRole.Heading, new() { Name = "You are unsubscribed" })).ToBeVisibleAsync();
        await Assertions.Expect(stranger.GetByRole(AriaRole.Status)).ToContainTextAsync("a question you asked is answered");
        await Browser.AssertAccessibleAsync(stranger);

        // The signed-in page shows the change.
        await page.GotoAsync("/notifications/preferences");
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "A question you asked is answered" }).GetByLabel("Off")).ToBeCheckedAsync();
    }

    private async Task<Guid> PersonIdAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<Person>>().FindByEmailAsync(email))!.Id;
    }

    private async Task NotifyAsync(Notification n)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<INotify>().NotifyAsync(n, TestContext.Current.CancellationToken);
    }

    private Task<OutboxMessage> WaitForOutboxAsync(string to, string subject) => app.WaitForOutboxAsync(to, subject);
}
