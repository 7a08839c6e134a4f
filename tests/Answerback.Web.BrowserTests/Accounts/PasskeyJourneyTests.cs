using Answerback.Platform.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Answerback.Web.BrowserTests.Accounts;

/// <summary>
/// The app at http://localhost:port: WebAuthn refuses an IP address as the relying party, and
/// localhost is a secure context without https.
/// </summary>
public sealed class LocalhostLiveApp : LiveApp
{
    protected override string Host => "localhost";
}

/// <summary>
/// Passkeys in Chromium with a virtual authenticator (the DevTools WebAuthn domain through
/// Playwright's CDP session, user verification on): add one on the account page, sign out, sign
/// in with it, remove it. Every page is scanned with axe-core.
/// </summary>
public sealed class PasskeyJourneyTests(LocalhostLiveApp app) : IClassFixture<LocalhostLiveApp>
{
    private const string Password = "Correct-horse-42";

    /// <summary>
    /// Each passkey step is a page load after the authenticator answers; on a loaded 2-core CI machine
    /// that can take longer than Playwright's 5-second default (a wait, not a timing assertion).
    /// </summary>
    private static readonly LocatorAssertionsToBeVisibleOptions Patient = new() { Timeout = 30_000 };

    [Fact]
    public async Task Passkey_AddSignOutSignInWithItAndRemove()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        await using var context = await browser.NewContextAsync(new() { BaseURL = app.Address.ToString() });
        var page = await context.NewPageAsync();
        var devTools = await context.NewCDPSessionAsync(page);
        await devTools.SendAsync("WebAuthn.enable");
        await devTools.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
        var email = "passkey-" + Guid.NewGuid().ToString("N")[..8] + "@example.org";
        await CreatePersonAsync(email);

        await page.GotoAsync("/accounts/sign-in");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My account" })).ToBeVisibleAsync(Patient);
        await Expect(page.GetByText("You have no passkeys.")).ToBeVisibleAsync(Patient);
        await Browser.AssertAccessibleAsync(page);

        await page.GetByLabel("Name for the new passkey").FillAsync("Work laptop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await Expect(page.GetByText("Work laptop, added")).ToBeVisibleAsync(Patient);
        await Browser.AssertAccessibleAsync(page);
        Assert.Equal(1, await PasskeyCountAsync(email));

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GotoAsync("/accounts/sign-in");
        await Browser.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Use a passkey" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My account" })).ToBeVisibleAsync(Patient);
        await Expect(page.GetByText(email)).ToBeVisibleAsync(Patient);
        await Browser.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Remove passkey Work laptop" }).ClickAsync();
        await Expect(page.GetByText("You have no passkeys.")).ToBeVisibleAsync(Patient);
        await Browser.AssertAccessibleAsync(page);
        Assert.Equal(0, await PasskeyCountAsync(email));
    }

    private async Task CreatePersonAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
        var result = await users.CreateAsync(Person.Create(email, "Pia Passkey", TimeProvider.System.GetUtcNow(), emailConfirmed: true), Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    private async Task<int> PasskeyCountAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
        return (await users.GetPasskeysAsync((await users.FindByEmailAsync(email))!)).Count;
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
