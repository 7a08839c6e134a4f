using System.Globalization;
using System.Text.RegularExpressions;
using Answerback.Platform.Conversations;
using Answerback.Platform.Demo;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace Answerback.Web.BrowserTests.Conversations;

/// <summary>The demo site with background jobs picked up quickly, so a vote reaches the map in seconds.</summary>
public class ConversationsLiveApp : LiveApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Jobs:QueuePollInterval", "00:00:00.250");
        builder.UseSetting("Jobs:SchedulePollInterval", "00:00:01");
    }
}

/// <summary>The same, on a fake clock that the test moves past a response deadline.</summary>
public sealed class ConversationsClockApp : ConversationsLiveApp
{
    public FakeTimeProvider Time { get; } = new(TimeProvider.System.GetUtcNow());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Time));
    }
}

/// <summary>The demo topic and the axe scan, for the conversation journeys.</summary>
internal static class ConversationPages
{
    /// <summary>The demo's seeded conversation (ConversationsDemoSeed.Topic).</summary>
    public const string DemoTopic = "Homes in South Cambridge";

    /// <summary>
    /// axe-core on the page. Without JavaScript the page cannot run axe, so the same address is
    /// scanned in a JavaScript context with the same cookies (the same HTML, as the server renders it).
    /// </summary>
    public static async Task AxeAsync(IPage page, bool javaScript = true)
    {
        if (javaScript)
        {
            await Browser.AssertAccessibleAsync(page);
            return;
        }

        var state = await page.Context.StorageStateAsync();
        await using var scan = await page.Context.Browser!.NewContextAsync(new() { StorageState = state, JavaScriptEnabled = true });
        var copy = await scan.NewPageAsync();
        await copy.GotoAsync(page.Url);
        await Browser.AssertAccessibleAsync(copy);
    }

    public static async Task OpenDemoConversationAsync(IPage page, bool javaScript = true)
    {
        await page.GotoAsync("/conversations");
        await AxeAsync(page, javaScript);
        await page.GetByRole(AriaRole.Link, new() { Name = DemoTopic }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = DemoTopic, Level = 1 })).ToBeVisibleAsync();
    }
}

/// <summary>
/// The conversation journeys on the demo site in Chromium, every page scanned with axe-core:
/// voting on ten statements without JavaScript (form posts) and with it (no page reload), seeing
/// the map and one's own group, adding a statement past the near-duplicate prompt, a moderator
/// hiding a statement with a reason that then shows on the public log, and the organiser publishing
/// a point-by-point response.
/// </summary>
public sealed class ConversationJourneyTests(ConversationsLiveApp app) : IClassFixture<ConversationsLiveApp>
{
    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    [Fact]
    public async Task VoteTen_WithoutJavaScript_FormPosts_ThenMapShowsYourGroup()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await app.SignedInAsync(browser, "Noah Newcomer", javaScript: false);
        await ConversationPages.OpenDemoConversationAsync(page, javaScript: false);
        await ConversationPages.AxeAsync(page, javaScript: false);

        await VoteTenAsync(page);
        await ConversationPages.AxeAsync(page, javaScript: false);

        // No JavaScript, so no live update: the refresh link is the way to the new map.
        await page.GetByRole(AriaRole.Link, new() { Name = "See the opinion map" }).First.ClickAsync();
        for (var i = 0; i < 120 && await page.GetByText("You are in group").CountAsync() == 0; i++)
        {
            await Task.Delay(1000, TestContext.Current.CancellationToken);
            await page.GetByRole(AriaRole.Link, new() { Name = "Refresh" }).ClickAsync();
        }

        await Expect(page.GetByText("You are in group")).ToBeVisibleAsync();
        await Expect(page.Locator("figure.opinion-map svg")).ToBeVisibleAsync();
        await ConversationPages.AxeAsync(page, javaScript: false);
    }

    [Fact]
    public async Task VoteTen_WithJavaScript_NoPageReload_ThenMapShowsYourGroup()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await app.SignedInAsync(browser, "Vera Resident");
        await ConversationPages.OpenDemoConversationAsync(page);
        await Browser.AssertAccessibleAsync(page);
        var navigations = 0;
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame)
            {
                navigations++;
            }
        };
        await page.EvaluateAsync("() => { window.answerbackSamePage = 'yes'; }");

        await VoteTenAsync(page);

        Assert.Equal(0, navigations);
        Assert.Equal("yes", await page.EvaluateAsync<string>("() => window.answerbackSamePage"));
        await Browser.AssertAccessibleAsync(page);

        // The map page follows the server's announcements (server-sent events) without a reload.
        await page.GetByRole(AriaRole.Link, new() { Name = "See the opinion map" }).First.ClickAsync();
        await Expect(page.GetByText("You are in group")).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await Browser.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task AddStatement_NearCopy_PromptShowsTheExistingOne_ThenAddedAnyway()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await app.SignedInAsync(browser, "Ana Candidate");
        await ConversationPages.OpenDemoConversationAsync(page);

        await page.GetByLabel("Your statement").FillAsync("The council should build more council homes on its own land now.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add statement" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Is your point one of these?" })).ToBeVisibleAsync();
        await Expect(page.Locator("#similar li").Filter(new() { HasText = "The council should build more council homes on its own land." })).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add mine anyway" }).ClickAsync();
        await Expect(page.GetByText("Thank you: your statement is added")).ToBeVisibleAsync();
        await Expect(page.Locator("ol.statements li").Filter(new() { HasText = "on its own land now." })).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Moderator_HidesStatementWithReason_PlaceholderAndPublicLog()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        const string statement = "Student housing should be limited to the universities' own land.";
        var moderator = await app.SignedInAsync(browser, "Mo Moderator");
        await ConversationPages.OpenDemoConversationAsync(moderator);
        var conversation = moderator.Url;
        await Browser.AssertAccessibleAsync(moderator);

        await moderator.Locator("ol.statements li").Filter(new() { HasText = statement }).GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Hide") }).ClickAsync();
        await Expect(moderator.GetByText(statement)).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(moderator);
        await moderator.GetByLabel("off-topic").CheckAsync();
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Hide" }).ClickAsync();
        await Browser.AssertAccessibleAsync(moderator);

        await moderator.GotoAsync(conversation);
        await Expect(moderator.Locator("ol.statements").GetByText(statement)).ToHaveCountAsync(0);
        await Expect(moderator.GetByText("Hidden by a moderator (reason: off-topic)").First).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(moderator);

        var reader = await (await browser.NewContextAsync(new() { BaseURL = app.Address.ToString() })).NewPageAsync();
        await reader.GotoAsync("/moderation");
        await Expect(reader.GetByRole(AriaRole.Row).Filter(new() { HasText = "off-topic" }).Filter(new() { HasText = "statement" }).First).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(reader);
    }

    [Fact]
    public async Task Organiser_PublishesPointByPointResponse_ReportShowsEachPoint()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var organiser = await app.SignedInAsync(browser, "Olivia Organiser");
        await ConversationPages.OpenDemoConversationAsync(organiser);
        // The demo's second report is overdue and unanswered.
        await Expect(organiser.Locator(".overdue-mark").First).ToBeVisibleAsync();
        await organiser.GetByRole(AriaRole.Link, new() { Name = "Report 2", Exact = true }).First.ClickAsync();
        await Browser.AssertAccessibleAsync(organiser);
        await organiser.GetByRole(AriaRole.Link, new() { Name = "Publish the response" }).ClickAsync();
        await Expect(organiser.GetByRole(AriaRole.Heading, new() { Name = "Respond to report 2" })).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(organiser);

        await organiser.GetByLabel("Your response").FillAsync("Thank you. Our answer to each point follows.");
        var points = organiser.Locator("form fieldset");
        var count = await points.CountAsync();
        Assert.True(count > 0, "report 2 highlights statements");
        var until = TimeProvider.System.GetUtcNow().AddDays(90).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        for (var i = 0; i < count; i++)
        {
            var point = points.Nth(i);
            switch (i % 3)
            {
                case 0:
                    await point.GetByLabel("Adopted").CheckAsync();
                    break;
                case 1:
                    await point.GetByLabel("Rejected (say why)").CheckAsync();
                    await point.GetByLabel("Reason or note").FillAsync("There is no land for it " + i);
                    break;
                default:
                    await point.GetByLabel("Under consideration (until a date)").CheckAsync();
                    await point.GetByLabel("Under consideration until").FillAsync(until);
                    break;
            }
        }

        await organiser.GetByRole(AriaRole.Button, new() { Name = "Publish the response" }).ClickAsync();
        await Expect(organiser.GetByText("Thank you. Our answer to each point follows.")).ToBeVisibleAsync();
        await Expect(organiser.GetByText("responded late").First).ToBeVisibleAsync();
        await Expect(organiser.GetByText(new Regex("^Adopted")).First).ToBeVisibleAsync();
        if (count > 1)
        {
            await Expect(organiser.GetByText("Rejected, because There is no land for it 1")).ToBeVisibleAsync();
        }

        await Browser.AssertAccessibleAsync(organiser);
    }

    private static async Task VoteTenAsync(IPage page)
    {
        var counter = page.Locator(".statement-count");
        var before = int.Parse(Regex.Match(await counter.InnerTextAsync(), @"voted on (\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        string[] buttons = ["Agree", "Disagree", "Pass / unsure"];
        for (var i = 0; i < 10; i++)
        {
            var statement = await page.Locator("#next-statement blockquote").InnerTextAsync();
            await page.Locator("#next-statement").GetByRole(AriaRole.Button, new() { Name = buttons[(i * 7 + 1) % 3], Exact = true }).ClickAsync();
            await Expect(counter).ToContainTextAsync($"You have voted on {before + i + 1};");
            Assert.NotEqual(statement, await page.Locator("#next-statement blockquote").InnerTextAsync());
        }
    }
}

/// <summary>
/// An overdue mark appears when the clock passes the deadline: an organiser opens a conversation in
/// the browser; the first report is published when its period ends; once the response commitment
/// has passed without a response, the conversation, the organisation's page and the area's page
/// each show the mark.
/// </summary>
public sealed class ConversationOverdueTests(ConversationsClockApp app) : IClassFixture<ConversationsClockApp>
{
    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    [Fact]
    public async Task DeadlinePasses_OverdueOnConversationOrganisationAndAreaPages()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var organiser = await app.SignedInAsync(browser, "Olivia Organiser");
        await organiser.GotoAsync("/organisations/" + DemoData.OrganisationSlug);
        await organiser.GetByRole(AriaRole.Link, new() { Name = "Open a conversation" }).ClickAsync();
        await Browser.AssertAccessibleAsync(organiser);
        var topic = "Cycling in Cambridge " + Guid.NewGuid().ToString("N")[..6];
        await organiser.GetByLabel("Topic", new() { Exact = true }).FillAsync(topic);
        await organiser.GetByLabel("Area", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Cambridge" });
        await organiser.GetByLabel("Question", new() { Exact = true }).FillAsync("How should Cambridge make cycling safer?");
        await organiser.GetByLabel("Seed statements, one a line (at most 280 characters each)").FillAsync("Protected lanes on every main road.\nLower speed limits near schools.");
        await organiser.GetByLabel("Report every (days)").FillAsync("7");
        await organiser.GetByLabel("We respond to each report within (days)").FillAsync("7");
        await organiser.GetByRole(AriaRole.Button, new() { Name = "Open the conversation" }).ClickAsync();
        await Expect(organiser.GetByRole(AriaRole.Heading, new() { Name = topic, Level = 1 })).ToBeVisibleAsync();
        var conversation = organiser.Url;
        await Expect(organiser.Locator(".overdue-mark")).ToHaveCountAsync(0);
        await Browser.AssertAccessibleAsync(organiser);

        // The period ends: report 1 is published and awaits the response, due in 7 days.
        app.Time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromHours(1));
        await PublishDueReportsAsync();
        var reader = await (await browser.NewContextAsync(new() { BaseURL = app.Address.ToString() })).NewPageAsync();
        await reader.GotoAsync(conversation);
        await Expect(reader.GetByRole(AriaRole.Cell, new() { Name = "awaiting response" })).ToBeVisibleAsync();
        await Expect(reader.Locator(".overdue-mark")).ToHaveCountAsync(0);
        await Browser.AssertAccessibleAsync(reader);

        // The deadline passes without a response.
        app.Time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromHours(1));
        await reader.ReloadAsync();
        await Expect(reader.Locator(".overdue-mark").Filter(new() { HasText = "Response overdue" })).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(reader);

        await reader.GetByRole(AriaRole.Link, new() { Name = DemoData.OrganisationName }).First.ClickAsync();
        await Expect(reader.Locator("ul.conversation-list li").Filter(new() { HasText = topic }).Locator(".overdue-mark")).ToHaveTextAsync("response overdue");
        await Browser.AssertAccessibleAsync(reader);

        await reader.GotoAsync(conversation);
        await reader.GetByRole(AriaRole.Link, new() { Name = "Cambridge", Exact = true }).First.ClickAsync();
        await Expect(reader.GetByText($"Conversation: {topic} (response overdue)")).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(reader);
    }

    /// <summary>What the recurring job does every few minutes, now (Hangfire's schedule runs on the real clock).</summary>
    private async Task PublishDueReportsAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PublishDueReports>().RunAsync();
    }
}
