using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Answerback.Platform.Accountability;
using Answerback.Platform.Demo;
using Answerback.Platform.Notifications;
using Answerback.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace Answerback.Web.BrowserTests.Accountability;

/// <summary>The demo site on a fake clock, so a test can move two weeks on.</summary>
public sealed class FakeClockApp : LiveApp
{
    public FakeTimeProvider Time { get; } = new(TimeProvider.System.GetUtcNow());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Time));
    }
}

/// <summary>
/// Accountability in Chromium on the demo site, every page scanned with axe-core: an organiser imports
/// an X archive for a representative and watches its progress; the scorecard shows its figures; the
/// campaign pages show the planted attack with all twelve accounts; the presence map names the quiet
/// wards and has its table; a resident asks a question, the representative answers, two weeks later
/// (the fake clock) the follow-up email is in the outbox, and the asker's answer moves the rate.
/// </summary>
public sealed partial class AccountabilityJourneyTests(FakeClockApp app) : IClassFixture<FakeClockApp>
{
    // The demo's names (AccountabilityDemoSeed is internal to the platform).
    private const string RivalParty = "Cambridge Forward (demo)";

    private static readonly string[] QuietWards = ["Romsey", "Coleridge", "Queen Edith's", "Cherry Hinton"];

    [GeneratedRegex(@"- No: (https?://\S+/representatives/follow-up\?token=\S+)")]
    private static partial Regex NoLink();

    [Fact]
    public async Task Journey_ImportScorecardCampaignsPresence_AskAnswerFollowUpMovesTheRate()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var reps = await WithAsync<AccountabilityDirectory, IReadOnlyList<RepresentativeSummary>>(d => d.ListAsync("cambridge", Ct));
        var arbury = reps.Single(r => r.AreaName == "Arbury" && r.PartyName == DemoData.OrganisationName);
        var romsey = reps.Single(r => r.AreaName == "Romsey" && r.PartyName == RivalParty);

        // The scorecard shows its figures.
        var resident = await app.SignedInAsync(browser, "Vera Resident");
        await resident.GotoAsync($"/representatives/{arbury.Id}");
        var scorecard = resident.Locator("#scorecard");
        await Expect(scorecard).ToContainTextAsync("Posts per week");
        await Expect(scorecard).ToContainTextAsync("95 % interval");
        await Browser.AssertAccessibleAsync(resident);

        // The campaign pages show the planted attack with all twelve accounts.
        await resident.GotoAsync("/parties/" + RecomputeAudit.PartySlug(RivalParty) + "/campaigns");
        var attack = resident.Locator("section.card").Filter(new() { HasText = "Mill Road library" }).First;
        await Expect(attack).ToContainTextAsync("12 accounts");
        await Expect(attack.Locator("tbody tr")).ToHaveCountAsync(12);
        await Browser.AssertAccessibleAsync(resident);
        await resident.GotoAsync("/areas/cambridge/campaigns");
        await Expect(resident.Locator("section.card").Filter(new() { HasText = "Mill Road library" }).First.Locator("tbody tr")).ToHaveCountAsync(12);
        await Browser.AssertAccessibleAsync(resident);

        // The presence map names the quiet wards and has its table.
        await resident.GotoAsync("/areas/cambridge/presence");
        foreach (var ward in QuietWards)
        {
            await Expect(resident.Locator("#presence-table").GetByRole(AriaRole.Row).Filter(new() { HasText = ward }).First).ToContainTextAsync("next to no presence");
        }

        await Browser.AssertAccessibleAsync(resident);

        // The league table: some ranked, one under the sample gate.
        await resident.GotoAsync("/areas/cambridge/response-rates");
        await Expect(resident.Locator("#league-ranked tbody tr").First).ToBeVisibleAsync();
        await Expect(resident.Locator("#league-too-few")).ToContainTextAsync(RivalParty);
        await Browser.AssertAccessibleAsync(resident);

        // A resident asks the Arbury councillor a question.
        await resident.GotoAsync($"/representatives/{arbury.Id}");
        var replied = resident.Locator(".response-rate dd").First;
        var before = await replied.InnerTextAsync();
        var question = "When will the Arbury Road crossing be repaired? " + Guid.NewGuid().ToString("N")[..6];
        await resident.GetByLabel("Your question to " + arbury.Name).FillAsync(question);
        await resident.GetByRole(AriaRole.Button, new() { Name = "Ask the question" }).ClickAsync();
        await Expect(resident.GetByRole(AriaRole.Heading, new() { Name = question })).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(resident);

        // The representative, signed in with the linked account, answers on the page.
        var representative = await app.SignedInAsync(browser, "Ana Candidate");
        await representative.GotoAsync($"/representatives/{arbury.Id}");
        var mine = representative.GetByRole(AriaRole.Listitem).Filter(new() { HasText = question });
        await mine.GetByRole(AriaRole.Textbox).FillAsync("Next **Tuesday**: the contractor has the date.");
        await mine.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Publish my answer") }).ClickAsync();
        await Expect(representative.GetByRole(AriaRole.Listitem).Filter(new() { HasText = question }).GetByText("Tuesday")).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(representative);
        await resident.ReloadAsync();
        var answered = await replied.InnerTextAsync();

        // The asker, a verified resident of the ward, comments on the answer under the question.
        var asked = resident.Locator("ol.questions > li").Filter(new() { HasText = question });
        var comment = "Tuesday works for the school run. " + Guid.NewGuid().ToString("N")[..6];
        await asked.GetByLabel("Add a comment").FillAsync(comment);
        await asked.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();
        await Expect(resident.Locator("ol.questions > li").Filter(new() { HasText = question }).GetByRole(AriaRole.Article)).ToContainTextAsync(comment);
        await Browser.AssertAccessibleAsync(resident);

        // Two weeks on, the follow-up job emails the asker; the email is in the outbox.
        app.Time.Advance(QuestionFollowUps.FollowUpAfter);
        Assert.Equal(1, await WithAsync<QuestionFollowUps, int>(f => f.SendDueAsync(Ct)));
        Assert.Equal(0, await WithAsync<QuestionFollowUps, int>(f => f.SendDueAsync(Ct)));
        var email = await WaitForOutboxAsync(DemoData.VerifiedResidentEmail, "Did you get a reply to your question?");
        var link = NoLink().Match(email.TextBody).Groups[1].Value;
        Assert.NotEmpty(link);

        // The link opens with no session; the asker says "no" (it was only a promise), and the rate moves.
        await using var anonymous = await browser.NewContextAsync();
        var page = await anonymous.NewPageAsync();
        await page.GotoAsync(link);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Did you get a reply?" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("No", new() { Exact = true })).ToBeCheckedAsync();
        await Browser.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Save my answer") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("your answer is saved");
        await Browser.AssertAccessibleAsync(page);
        await page.GotoAsync(link.Replace("token=", "token=x", StringComparison.Ordinal));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This link does not work" })).ToBeVisibleAsync();

        await resident.ReloadAsync();
        var after = await replied.InnerTextAsync();
        Assert.NotEqual(answered, after);
        Assert.NotEqual(before, answered);
        await Browser.AssertAccessibleAsync(resident);

        // Last (its recompute holds the SQLite database for a while): an organiser imports an X archive for a representative and watches the progress page.
        var organiser = await app.SignedInAsync(browser, "Olivia Organiser");
        await organiser.GotoAsync($"/representatives/{romsey.Id}/posts");
        await Browser.AssertAccessibleAsync(organiser);
        var archive = Path.Combine(Path.GetTempPath(), $"romsey-{Guid.NewGuid():N}.zip");
        await File.WriteAllBytesAsync(archive, XArchive("forward_romsey"), Ct);
        await organiser.GetByLabel("Posts").SetInputFilesAsync(archive);
        await organiser.GetByRole(AriaRole.Button, new() { Name = "Upload and import" }).ClickAsync();
        await Expect(organiser.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Importing romsey-") })).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(organiser);

        // The progress page reloads itself (a Refresh header) until the import is done; reloading it from
        // the test as well raced that navigation ("Not attached to an active page" in stop 20's CI).
        await Expect(organiser.GetByRole(AriaRole.Heading, new() { Name = "Imported" })).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await Expect(organiser.GetByRole(AriaRole.Status)).ToContainTextAsync("new");
        await Browser.AssertAccessibleAsync(organiser);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The sample X archive with its account renamed to <paramref name="handle"/>.</summary>
    private static byte[] XArchive(string handle)
    {
        static string Sample(string name) => File.ReadAllText(Path.Combine(TestEnvironment.TestData, "SocialAudit", "archives", name));
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (entry, content) in new[] { ("data/account.js", Sample("account.js").Replace("CllrJones", handle, StringComparison.Ordinal)), ("data/tweets.js", Sample("tweets.js")) })
            {
                using var s = zip.CreateEntry(entry).Open();
                s.Write(Encoding.UTF8.GetBytes(content));
            }
        }

        return stream.ToArray();
    }

    private async Task<TResult> WithAsync<TService, TResult>(Func<TService, Task<TResult>> action)
        where TService : notnull
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    private async Task<OutboxMessage> WaitForOutboxAsync(string to, string subject)
    {
        var outbox = app.Services.GetRequiredService<Outbox>();
        for (var i = 0; i < 600; i++)
        {
            var found = (await outbox.ListAsync(Ct)).FirstOrDefault(m => m.Subject == subject && m.To.Contains(to, StringComparison.OrdinalIgnoreCase));
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(100, Ct);
        }

        throw new InvalidOperationException($"No \"{subject}\" for {to} reached the outbox.");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
