using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Answerback.Counting;
using Answerback.Counting.Formats;
using Answerback.Platform.Demo;
using Answerback.Platform.Primaries;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Answerback.Web.BrowserTests.Primaries;

/// <summary>
/// A primary from setting up to its published result, in Chromium on the app's fake clock, every page
/// scanned with axe-core: the organiser sets it up; two candidates nominate themselves and are
/// approved; a resident asks and supports questions and a candidate answers; a moderator hides the
/// resident's question, which appears on the moderation log, and the resident appeals; the organiser
/// issues a postal code; the verified resident votes on the ranked form by keyboard alone and the code
/// holder votes without an account; each looks up their tracking code; the clock passes the close and
/// the count job runs; the result is published and the downloaded BLT recounts to the same report.
/// (<see cref="PrimaryJourneyTests"/> covers the demo's hustings-phase primary.)
/// </summary>
public sealed partial class PrimaryVotingJourneyTests(ClockedLiveApp app) : IClassFixture<ClockedLiveApp>
{
    [Fact]
    public async Task Journey_SetUpNominateAskHideAppealVoteTrackCountRecount()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        Assert.NotNull(app.Address); // started before the clock is read

        // The organiser sets up a primary for Arbury, its timetable minutes apart on the app's clock.
        var now = app.Time.GetUtcNow();
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(2);
        var (nominations, hustings, opens, closes) = (start, start.AddMinutes(10), start.AddMinutes(20), start.AddMinutes(30));
        var organiser = await app.SignedInAsync(browser, "Olivia Organiser");
        await organiser.GotoAsync("/organisations/" + DemoData.OrganisationSlug);
        await organiser.GetByRole(AriaRole.Link, new() { Name = "Set up a primary" }).ClickAsync();
        await Browser.AssertAccessibleAsync(organiser);
        var title = "Arbury by-election candidate " + Guid.NewGuid().ToString("N")[..6];
        await organiser.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
        await organiser.GetByLabel("Area", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Arbury, Cambridge" });
        await organiser.GetByLabel("Counting method").SelectOptionAsync("av");
        await organiser.GetByLabel("Members of " + DemoData.OrganisationName + " and verified residents of the area").CheckAsync();
        foreach (var (label, at) in new[] { ("Nominations open", nominations), ("Hustings open", hustings), ("Voting opens", opens), ("Voting closes", closes) })
        {
            await organiser.GetByLabel(label, new() { Exact = true }).FillAsync(at.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        }

        await organiser.GetByRole(AriaRole.Button, new() { Name = "Create the draft" }).ClickAsync();
        await Expect(organiser.GetByRole(AriaRole.Heading, new() { Name = "Run the primary: " + title })).ToBeVisibleAsync();
        var primary = ManagePath().Match(organiser.Url).Groups[1].Value;
        var manage = $"/primaries/{primary}/manage";
        await organiser.GetByRole(AriaRole.Button, new() { Name = "Publish the primary" }).ClickAsync();
        await Expect(organiser.GetByText("The primary is published.")).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(organiser);

        // Nominations: Ana and Ben nominate themselves; the organiser approves them.
        app.Time.SetUtcNow(nominations.AddMinutes(1));
        foreach (var name in new[] { "Ana Candidate", "Ben Candidate" })
        {
            var candidate = await app.SignedInAsync(browser, name);
            await candidate.GotoAsync($"/primaries/{primary}");
            await Browser.AssertAccessibleAsync(candidate);
            await candidate.GetByRole(AriaRole.Link, new() { Name = "Nominate yourself or someone else" }).ClickAsync();
            await Browser.AssertAccessibleAsync(candidate);
            await candidate.GetByRole(AriaRole.Button, new() { Name = "Nominate myself" }).ClickAsync();
            await Expect(candidate.GetByText("waiting for an organiser's approval")).ToBeVisibleAsync();
            await Browser.AssertAccessibleAsync(candidate);
            await candidate.Context.CloseAsync();
        }

        await organiser.GotoAsync(manage);
        await Browser.AssertAccessibleAsync(organiser);
        foreach (var name in new[] { "Ana Candidate (demo)", "Ben Candidate (demo)" })
        {
            await organiser.GetByRole(AriaRole.Button, new() { Name = "Approve " + name }).ClickAsync();
            await Expect(organiser.GetByRole(AriaRole.Button, new() { Name = "Approve " + name })).ToHaveCountAsync(0);
        }

        await Browser.AssertAccessibleAsync(organiser);

        // Hustings: the moderator (a party member) and the resident ask; the resident supports the other question; Ana answers it.
        app.Time.SetUtcNow(hustings.AddMinutes(1));
        var questions = $"/primaries/{primary}/hustings";
        var moderator = await app.SignedInAsync(browser, "Mo Moderator");
        var shared = "Will you hold a surgery in Arbury every month?";
        await AskAsync(moderator, questions, shared);
        var resident = await app.SignedInAsync(browser, "Vera Resident");
        var hidden = "What does the candidate's neighbour think of them? " + Guid.NewGuid().ToString("N")[..4];
        await AskAsync(resident, questions, hidden);
        await resident.GetByRole(AriaRole.Listitem).Filter(new() { HasText = shared })
            .GetByRole(AriaRole.Button, new() { NameRegex = SupportButton() }).ClickAsync();
        await Expect(resident.GetByRole(AriaRole.Listitem).Filter(new() { HasText = shared })
            .GetByRole(AriaRole.Button, new() { NameRegex = WithdrawButton() })).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(resident);

        var ana = await app.SignedInAsync(browser, "Ana Candidate");
        await ana.GotoAsync(questions);
        var toAnswer = ana.GetByRole(AriaRole.Listitem).Filter(new() { HasText = shared });
        await toAnswer.GetByRole(AriaRole.Textbox).FillAsync("Yes: the first Saturday of each month, at the **library**.");
        await toAnswer.GetByRole(AriaRole.Button, new() { NameRegex = PublishAnswerButton() }).ClickAsync();
        await Expect(ana.GetByRole(AriaRole.Listitem).Filter(new() { HasText = shared }).GetByText("first Saturday")).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(ana);

        // The moderator hides the resident's question; the decision is on the public log; the resident appeals.
        await moderator.GotoAsync(questions);
        await moderator.GetByRole(AriaRole.Listitem).Filter(new() { HasText = hidden }).GetByRole(AriaRole.Link, new() { Name = "Hide this question" }).ClickAsync();
        await Browser.AssertAccessibleAsync(moderator);
        await moderator.GetByLabel("personal data").CheckAsync();
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Hide" }).ClickAsync();
        await Browser.AssertAccessibleAsync(moderator);
        var decision = moderator.Url;

        await resident.GotoAsync("/moderation");
        await Browser.AssertAccessibleAsync(resident);
        var logged = resident.GetByRole(AriaRole.Row).Filter(new() { Has = resident.Locator($"a[href*='{primary}']") });
        await Expect(logged).ToHaveCountAsync(1);
        await Expect(logged).ToContainTextAsync(new Regex("personal data", RegexOptions.IgnoreCase));
        await resident.GotoAsync(questions);
        await Expect(resident.GetByText(hidden)).ToHaveCountAsync(0);
        await Expect(resident.GetByText("Hidden by a moderator (reason: personal data)")).ToBeVisibleAsync();
        await resident.GotoAsync(decision);
        await resident.GetByLabel("Why is the decision wrong?").FillAsync("It asks about the candidate's record as a neighbour, not their address.");
        await resident.GetByRole(AriaRole.Button, new() { Name = "Send appeal" }).ClickAsync();
        await Browser.AssertAccessibleAsync(resident);
        // The appeal is on the log too, waiting for a moderator.
        await resident.GotoAsync("/moderation");
        await Expect(resident.GetByRole(AriaRole.Row).Filter(new() { Has = resident.Locator($"a[href*='{primary}']") })).ToContainTextAsync("waiting for a decision");

        // The organiser issues a postal code for the one elector on the register who has no account.
        await organiser.GotoAsync($"/primaries/{primary}/postal-codes");
        await Browser.AssertAccessibleAsync(organiser);
        await organiser.GetByLabel("Register extract (CSV)").SetInputFilesAsync(new FilePayload
        {
            Name = "arbury.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes($"elector_number,postcode\n{DemoData.UnclaimedElectorNumber},{DemoData.UnclaimedPostcode}\n"),
        });
        var download = await organiser.RunAndWaitForDownloadAsync(() => organiser.GetByRole(AriaRole.Button, new() { Name = "Issue codes and download" }).ClickAsync());
        var letters = await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        var code = letters.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[1].Split(',')[2];

        // Voting: the verified resident ranks Ben 1 and Ana 2 with the keyboard alone, and casts.
        app.Time.SetUtcNow(opens.AddMinutes(1));
        var vote = $"/primaries/{primary}/vote";
        await resident.GotoAsync(vote);
        await Browser.AssertAccessibleAsync(resident);
        var keys = new Keyboard(resident);
        await keys.TypeIntoAsync(resident.GetByLabel("Preference for Ben Candidate (demo)"), "1");
        await keys.TypeIntoAsync(resident.GetByLabel("Preference for Ana Candidate (demo)"), "2");
        await keys.ActivateAsync(resident.GetByRole(AriaRole.Button, new() { Name = "Check my ballot" }));
        await Expect(resident.GetByRole(AriaRole.Heading, new() { Name = "Check your ballot" })).ToBeVisibleAsync();
        await Expect(resident.GetByRole(AriaRole.Main).GetByRole(AriaRole.Listitem).First).ToHaveTextAsync("Ben Candidate (demo)");
        await Browser.AssertAccessibleAsync(resident);
        await keys.ActivateAsync(resident.GetByRole(AriaRole.Button, new() { Name = "Cast my ballot" }));
        var residentCode = await TrackingCodeAsync(resident);

        // The code holder votes without an account: Ana only.
        var holder = await (await browser.NewContextAsync(new() { BaseURL = app.Address.ToString() })).NewPageAsync();
        await holder.GotoAsync(vote);
        await Browser.AssertAccessibleAsync(holder);
        await holder.GetByLabel("Preference for Ana Candidate (demo)").FillAsync("1");
        await holder.GetByRole(AriaRole.Button, new() { Name = "Check my ballot" }).ClickAsync();
        await holder.GetByLabel("The code on your letter").FillAsync(code);
        await Browser.AssertAccessibleAsync(holder);
        await holder.GetByRole(AriaRole.Button, new() { Name = "Cast my ballot" }).ClickAsync();
        var holderCode = await TrackingCodeAsync(holder);

        // Each looks up their tracking code once the board's appender has run (a ballot waits for the
        // next batch: within a second under load, up to a minute when quiet; the pending state has its
        // own platform test): on the board, sealed until the close.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AppendToBoard>().AppendAllAsync(TestContext.Current.CancellationToken);
        }

        foreach (var (page, tracking) in new[] { (resident, residentCode), (holder, holderCode) })
        {
            await LookUpAsync(page, primary, tracking);
            await Expect(page.GetByText("Your ballot is on the board, sealed.")).ToBeVisibleAsync();
        }

        // The close passes and the count job runs: the result is published.
        app.Time.SetUtcNow(closes.AddMinutes(1));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CountPrimary>().RunDueAsync(TestContext.Current.CancellationToken);
        }

        await LookUpAsync(resident, primary, residentCode);
        await Expect(resident.GetByText("Your ballot as recorded and counted")).ToBeVisibleAsync();
        await LookUpAsync(holder, primary, holderCode);
        await Expect(holder.GetByText("Your ballot as recorded and counted")).ToBeVisibleAsync();
        await holder.GotoAsync($"/primaries/{primary}/result");
        await Expect(holder.GetByText(new Regex("Elected:"))).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(holder);
        await holder.GotoAsync($"/primaries/{primary}/board");
        await Browser.AssertAccessibleAsync(holder);

        // The downloaded BLT, counted as `answerback count ballots.blt --method av --seed S` counts it, gives the published report.
        var result = JsonNode.Parse(await (await holder.APIRequest.GetAsync($"/api/primaries/{primary}/result")).TextAsync())!.AsObject();
        var blt = await (await holder.APIRequest.GetAsync($"/api/primaries/{primary}/ballots.blt")).BodyAsync();
        var election = BltFormat.Read(new MemoryStream(blt), "ballots.blt");
        var recount = BoardCount.ReportJson(CountingMethods.Get("av").Count(election, new CountOptions { Seed = result["seed"]!.GetValue<int>() }));
        Assert.True(JsonNode.DeepEquals(result, recount), recount.ToJsonString());
        Assert.Equal(2, election.TotalWeight);
    }

    private static async Task AskAsync(IPage page, string questions, string text)
    {
        await page.GotoAsync(questions);
        await page.GetByLabel("Your question").FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ask the candidates" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = text })).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(page);
    }

    private static async Task<string> TrackingCodeAsync(IPage page)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your ballot is cast" })).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(page);
        return await page.Locator(".tracking-code strong").InnerTextAsync();
    }

    private static async Task LookUpAsync(IPage page, string primary, string trackingCode)
    {
        await page.GotoAsync($"/primaries/{primary}/track");
        await page.GetByLabel("Tracking code").FillAsync(trackingCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Look up" }).ClickAsync();
        await Browser.AssertAccessibleAsync(page);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    [GeneratedRegex("/primaries/([0-9a-f-]{36})/manage")]
    private static partial Regex ManagePath();

    [GeneratedRegex("^Support this question")]
    private static partial Regex SupportButton();

    [GeneratedRegex("^Withdraw my support")]
    private static partial Regex WithdrawButton();

    [GeneratedRegex("^Publish my answer")]
    private static partial Regex PublishAnswerButton();
}
