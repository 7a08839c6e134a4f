using System.Text;
using Answerback.Platform.Demo;
using Microsoft.Playwright;

namespace Answerback.Web.BrowserTests;

/// <summary>The pages as they look when something went wrong: error summaries and import reports are accessible too.</summary>
public sealed class ErrorStatesTests(LiveApp app) : IClassFixture<LiveApp>
{
    [Fact]
    public async Task ErrorStates_FailedFormsAndImports_NoSeriousViolations()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { BaseURL = app.Address.ToString() });

        // A sign-in with a wrong password: the error summary.
        await page.GotoAsync("/accounts/sign-in");
        await page.GetByLabel("Email address").FillAsync("nobody@example.org");
        await page.GetByLabel("Password").FillAsync("wrong-password");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The email address or password is not right.");
        await Browser.AssertAccessibleAsync(page);

        // A sign-up with every field wrong: the summary links to each field.
        await page.GotoAsync("/accounts/sign-up");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Enter your email address" })).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(page);

        // A verification that does not match.
        await Browser.SignInAsync(page, "Noah Newcomer");
        await page.GotoAsync("/residency/verify");
        await page.GetByLabel("Elector number").FillAsync("ZZ9-9999");
        await page.GetByLabel("Postcode").FillAsync("CB1 1AA");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "We could not verify these details" })).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(page);

        // A register extract with bad lines, uploaded by the demo organiser: the report table.
        await Browser.SignInAsync(page, "Olivia Organiser");
        await page.GotoAsync("/organisations/" + DemoData.OrganisationSlug + "/register");
        await page.GetByLabel("Area").SelectOptionAsync(new SelectOptionValue { Value = DemoData.CambridgeCode });
        await page.GetByLabel("Register extract (CSV)").SetInputFilesAsync(new FilePayload
        {
            Name = "bad.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("elector_number,postcode,area_code\nAR5-0001,nowhere,E05013051\nAR5-0001,CB4 2JB,E05013051\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and check" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nothing was imported: 2 problems in bad.csv" })).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(page);

        // A page the resident may not open: the friendly 403.
        await Browser.SignInAsync(page, "Noah Newcomer");
        var refused = await page.GotoAsync("/organisations/" + DemoData.OrganisationSlug + "/roles");
        Assert.Equal(403, refused!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You cannot do that" })).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(page);
    }
}
