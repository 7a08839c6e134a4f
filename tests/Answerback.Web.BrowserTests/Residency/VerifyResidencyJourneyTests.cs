using System.Text.RegularExpressions;
using Answerback.Platform.Demo;
using Microsoft.Playwright;

namespace Answerback.Web.BrowserTests.Residency;

/// <summary>
/// A newcomer signs up, confirms the email from the outbox, signs in, verifies residency with a
/// register entry and reaches the ward page: once with the mouse, once by keyboard only. Every page
/// visited is scanned with axe-core.
/// </summary>
public sealed partial class VerifyResidencyJourneyTests(LiveApp app) : IClassFixture<LiveApp>
{
    private const string Password = "Correct-horse-42";

    [Fact]
    public async Task Journey_WithMouse_SignUpConfirmVerifyAndSeeWard()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { BaseURL = app.Address.ToString() });
        var email = "mouse-" + Guid.NewGuid().ToString("N")[..8] + "@example.org";

        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cambridge" })).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Create an account" }).First.ClickAsync();
        await Browser.AssertAccessibleAsync(page);
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Your name").FillAsync("Maud Mouse");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "email outbox" }).ClickAsync();
        await Browser.AssertAccessibleAsync(page);
        await WaitForMessageAsync(page, "Confirm your email address to " + email);
        await page.GetByRole(AriaRole.Link, new() { Name = "Confirm your email address to " + email }).ClickAsync();
        await Browser.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { NameRegex = ConfirmLink() }).ClickAsync();
        // The link only opens the page: confirming is a button (a link scanner's GET confirms nothing).
        await Browser.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my email address" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Email address confirmed" })).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await Browser.AssertAccessibleAsync(page);
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My account" })).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Verify residency" }).ClickAsync();
        await Browser.AssertAccessibleAsync(page);
        await page.GetByLabel("Elector number").FillAsync(DemoData.UnclaimedElectorNumber);
        await page.GetByLabel("Postcode").FillAsync(DemoData.UnclaimedPostcode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Residency verified" })).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Arbury" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Arbury", Exact = true, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("E05013051")).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Journey_KeyboardOnly_SignUpConfirmVerifyAndSeeWard()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { BaseURL = app.Address.ToString() });
        var keys = new Keyboard(page);
        var email = "keys-" + Guid.NewGuid().ToString("N")[..8] + "@example.org";

        await page.GotoAsync("/");
        await Browser.AssertAccessibleAsync(page);
        // The first Tab reaches the skip link.
        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" });
        Assert.True(await Keyboard.IsFocusedAsync(skip), "the skip link is the first stop");
        // Keyboard focus is visible: the skip link comes into view with the focus outline.
        Assert.Equal("solid", await skip.EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle"));
        Assert.True(await skip.IsVisibleAsync());

        await keys.ActivateAsync(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Create an account" }));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Create an account" })).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(page);
        await keys.TypeIntoAsync(page.GetByLabel("Email address"), email);
        await keys.TypeIntoAsync(page.GetByLabel("Your name"), "Kit Keyboard");
        await keys.TypeIntoAsync(page.GetByLabel("Password"), Password);
        await keys.ActivateAsync(page.GetByRole(AriaRole.Button, new() { Name = "Create account" }));

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeVisibleAsync();
        await keys.ActivateAsync(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "email outbox" }));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Email outbox" })).ToBeVisibleAsync();
        await WaitForMessageAsync(page, "Confirm your email address to " + email);
        await keys.ActivateAsync(page.GetByRole(AriaRole.Link, new() { Name = "Confirm your email address to " + email }));
        await keys.ActivateAsync(page.GetByRole(AriaRole.Link, new() { NameRegex = ConfirmLink() }));
        await keys.ActivateAsync(page.GetByRole(AriaRole.Button, new() { Name = "Confirm my email address" }));

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Email address confirmed" })).ToBeVisibleAsync();
        await keys.ActivateAsync(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Sign in" }));
        await keys.TypeIntoAsync(page.GetByLabel("Email address"), email);
        await keys.TypeIntoAsync(page.GetByLabel("Password"), Password);
        await keys.ActivateAsync(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign in" }));

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My account" })).ToBeVisibleAsync();
        await keys.ActivateAsync(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Verify residency" }));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Verify where you live" })).ToBeVisibleAsync();
        await keys.TypeIntoAsync(page.GetByLabel("Elector number"), DemoData.SecondUnclaimedElectorNumber);
        await keys.TypeIntoAsync(page.GetByLabel("Postcode"), DemoData.SecondUnclaimedPostcode);
        await keys.ActivateAsync(page.GetByRole(AriaRole.Button, new() { Name = "Verify" }));

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Residency verified" })).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(page);
        await keys.ActivateAsync(page.GetByRole(AriaRole.Link, new() { Name = "Romsey" }));

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Romsey", Exact = true, Level = 1 })).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Demo_SignInAsOrganiser_OrganiserPagesAccessible()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { BaseURL = app.Address.ToString() });

        await page.GotoAsync("/demo");
        await Browser.AssertAccessibleAsync(page);
        await Browser.SignInAsync(page, "Olivia Organiser");
        await page.GetByRole(AriaRole.Link, new() { Name = DemoData.OrganisationName }).ClickAsync();
        await Browser.AssertAccessibleAsync(page);

        foreach (var link in new[] { "Upload an electoral register extract", "Upload the member list", "Grant organiser or moderator roles" })
        {
            await page.GetByRole(AriaRole.Link, new() { Name = link }).ClickAsync();
            await Browser.AssertAccessibleAsync(page);
            await page.GoBackAsync();
        }

        foreach (var path in new[] { "/areas/new", "/areas/import", "/residency/declare", "/no/such/page" })
        {
            await page.GotoAsync(path);
            await Browser.AssertAccessibleAsync(page);
        }
    }

    [Fact]
    public async Task Pages_PhoneWidth_NoHorizontalScrolling()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { BaseURL = app.Address.ToString(), ViewportSize = new() { Width = 360, Height = 740 } });

        foreach (var path in new[] { "/", "/areas/" + await WardSlugAsync(page), "/accounts/sign-up", "/accounts/sign-in", "/demo" })
        {
            await page.GotoAsync(path);
            var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
            Assert.False(overflow, $"{path} scrolls sideways at 360 px");
        }
    }

    private static async Task<string> WardSlugAsync(IPage page)
    {
        await page.GotoAsync("/");
        var href = await page.GetByRole(AriaRole.Link, new() { Name = "Queen Edith's" }).GetAttributeAsync("href");
        return href!["/areas/".Length..];
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    /// <summary>Email is sent from a background queue: reload the outbox until the message has arrived (as a person would).</summary>
    private static async Task WaitForMessageAsync(IPage page, string name)
    {
        for (var attempt = 0; attempt < 20 && await page.GetByRole(AriaRole.Link, new() { Name = name }).CountAsync() == 0; attempt++)
        {
            await page.WaitForTimeoutAsync(250);
            await page.ReloadAsync();
        }
    }

    [GeneratedRegex("confirm-email[?]userId=")]
    private static partial Regex ConfirmLink();
}
