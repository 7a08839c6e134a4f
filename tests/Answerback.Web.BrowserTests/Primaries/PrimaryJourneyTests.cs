using Answerback.Platform.Demo;
using Microsoft.Playwright;

namespace Answerback.Web.BrowserTests.Primaries;

/// <summary>
/// The setting-up and hustings journey on the demo site, every page scanned with axe-core: an
/// organiser sets up and publishes a primary; in the demo's hustings-phase primary a resident asks
/// and supports questions and a candidate answers; a moderator hides the resident's question, which
/// then shows the placeholder, and its author appeals.
/// </summary>
public sealed class PrimaryJourneyTests(LiveApp app) : IClassFixture<LiveApp>
{
    private const string Hustings = "Arbury ward candidate (demo)";

    [Fact]
    public async Task Journey_SetUpAskSupportAnswerHideAppeal()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;

        // The organiser sets up a primary and publishes it.
        var organiser = await app.SignedInAsync(browser, "Olivia Organiser");
        await organiser.GotoAsync("/organisations/" + DemoData.OrganisationSlug);
        await organiser.GetByRole(AriaRole.Link, new() { Name = "Set up a primary" }).ClickAsync();
        await Expect(organiser.GetByRole(AriaRole.Heading, new() { Name = "Set up a primary" })).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(organiser);
        var title = "Petersfield candidate " + Guid.NewGuid().ToString("N")[..6];
        await organiser.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
        await organiser.GetByLabel("Area", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Petersfield, Cambridge" });
        await organiser.GetByLabel("Counting method").SelectOptionAsync("schulze");
        await organiser.GetByLabel("Members of " + DemoData.OrganisationName + " and verified residents of the area").CheckAsync();
        await organiser.GetByRole(AriaRole.Button, new() { Name = "Create the draft" }).ClickAsync();
        await Expect(organiser.GetByRole(AriaRole.Heading, new() { Name = "Run the primary: " + title })).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(organiser);
        await organiser.GetByRole(AriaRole.Button, new() { Name = "Publish the primary" }).ClickAsync();
        await Expect(organiser.GetByText("The primary is published.")).ToBeVisibleAsync();
        await organiser.GetByRole(AriaRole.Link, new() { Name = "See the public page" }).ClickAsync();
        await Expect(organiser.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await Expect(organiser.GetByText("Schulze (Condorcet)")).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(organiser);

        // A resident asks a question and supports another.
        var resident = await app.SignedInAsync(browser, "Vera Resident");
        await resident.GotoAsync("/primaries");
        await Browser.AssertAccessibleAsync(resident);
        await resident.GetByRole(AriaRole.Link, new() { Name = Hustings }).ClickAsync();
        await Expect(resident.GetByText("You can take part")).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(resident);
        await resident.GetByRole(AriaRole.Link, new() { Name = "Ana Candidate (demo)" }).First.ClickAsync();
        await Expect(resident.GetByRole(AriaRole.Heading, new() { Name = "Why I am standing" })).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(resident);
        await resident.GoBackAsync();
        await resident.GetByRole(AriaRole.Link, new() { Name = "Questions to the candidates" }).ClickAsync();
        await Browser.AssertAccessibleAsync(resident);
        var question = "Where will the new bus shelter go? " + Guid.NewGuid().ToString("N")[..6];
        await resident.GetByLabel("Your question").FillAsync(question);
        await resident.GetByRole(AriaRole.Button, new() { Name = "Ask the candidates" }).ClickAsync();
        await Expect(resident.GetByRole(AriaRole.Heading, new() { Name = question })).ToBeVisibleAsync();
        var shops = resident.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "empty shops on Campkin Road" });
        await shops.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^(Support this question|Withdraw my support)") }).ClickAsync();
        await Browser.AssertAccessibleAsync(resident);

        // A candidate answers it.
        var candidate = await app.SignedInAsync(browser, "Ana Candidate");
        await candidate.GotoAsync(resident.Url.Split('#')[0]);
        var mine = candidate.GetByRole(AriaRole.Listitem).Filter(new() { HasText = question });
        await mine.GetByRole(AriaRole.Textbox).FillAsync("By the **library**, where the old one was.");
        await mine.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Publish my answer") }).ClickAsync();
        await Expect(candidate.GetByRole(AriaRole.Listitem).Filter(new() { HasText = question }).GetByText("library")).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(candidate);

        // The moderator hides it for a listed reason; the placeholder replaces it.
        var moderator = await app.SignedInAsync(browser, "Mo Moderator");
        await moderator.GotoAsync(resident.Url.Split('#')[0]);
        await moderator.GetByRole(AriaRole.Listitem).Filter(new() { HasText = question }).GetByRole(AriaRole.Link, new() { Name = "Hide this question" }).ClickAsync();
        await Browser.AssertAccessibleAsync(moderator);
        await moderator.GetByLabel("off-topic").CheckAsync();
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Hide" }).ClickAsync();
        await Browser.AssertAccessibleAsync(moderator);
        var decision = moderator.Url;

        await resident.ReloadAsync();
        await Expect(resident.GetByText(question)).ToHaveCountAsync(0);
        await Expect(resident.GetByText("Hidden by a moderator (reason: off-topic)").First).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(resident);

        // Its author appeals, once.
        await resident.GotoAsync(decision);
        await Browser.AssertAccessibleAsync(resident);
        await resident.GetByLabel("Why is the decision wrong?").FillAsync("It is about the ward: the shelter is on Arbury Road.");
        await resident.GetByRole(AriaRole.Button, new() { Name = "Send appeal" }).ClickAsync();
        await Browser.AssertAccessibleAsync(resident);
        await resident.GotoAsync("/moderation");
        await Browser.AssertAccessibleAsync(resident);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
