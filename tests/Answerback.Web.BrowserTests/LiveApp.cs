using Answerback.Testing;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace Answerback.Web.BrowserTests;

/// <summary>
/// The app on a real port (Kestrel, port 0) over a fresh SQLite database with the demo data, for
/// Chromium to browse. One per test class.
/// </summary>
public class LiveApp : WebApplicationFactory<Program>
{
    /// <summary>The host in the site's address (<c>Site:PublicUrl</c>, the one Chromium browses).</summary>
    protected virtual string Host => "127.0.0.1";

    private readonly string dataFolder = Path.Combine(Path.GetTempPath(), "answerback-browser-tests", Guid.NewGuid().ToString("N"));

    private readonly int port = FreePort();

    public LiveApp()
    {
        Directory.CreateDirectory(dataFolder);
        // A known port, so that Site:PublicUrl (which every link in an email is built from) is right.
        UseKestrel(port);
    }

    /// <summary>The address Kestrel listens on, like http://127.0.0.1:43567.</summary>
    public Uri Address
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return new UriBuilder(addresses.First().Replace("[::]", Host, StringComparison.Ordinal)) { Host = Host }.Uri;
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Storage:DataFolder", dataFolder);
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Demo:AllowPublicOutbox", "true");
        builder.UseSetting("Site:PublicUrl", "http://" + Host + ":" + port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in TestSecrets.HostSettings())
        {
            builder.UseSetting(key, value);
        }

        // The limits are counted on the app's clock, which some journeys freeze: a journey signing in
        // more than ten times must not meet the sign-in limit (the limits have their own tests).
        builder.UseSetting("RateLimiting:SignInPermitsPerMinute", "1000");
        builder.UseSetting("RateLimiting:SignUpPermitsPerHour", "1000");
        builder.UseSetting("RateLimiting:PasswordResetPermitsPerHour", "1000");
        builder.UseSetting("RateLimiting:VerificationPermitsPerHour", "1000");
        builder.UseSetting("Logging:LogLevel:Default", "Critical");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Critical");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Critical");
    }

    /// <summary>The newest message to <paramref name="to"/> whose subject starts with <paramref name="subject"/>, waiting up to a minute for the background sender.</summary>
    public async Task<Answerback.Platform.Notifications.OutboxMessage> WaitForOutboxAsync(string to, string subject)
    {
        var outbox = Services.GetRequiredService<Answerback.Platform.Notifications.Outbox>();
        for (var i = 0; i < 600; i++)
        {
            var found = (await outbox.ListAsync(TestContext.Current.CancellationToken))
                .FirstOrDefault(m => m.Subject.StartsWith(subject, StringComparison.Ordinal) && m.To.Contains(to, StringComparison.OrdinalIgnoreCase));
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new InvalidOperationException($"No \"{subject}\" for {to} reached the outbox.");
    }

    /// <summary>A new browser context on this app, signed in as the demo person through the demo panel's one-click button.</summary>
    public Task<IPage> SignedInAsync(IBrowser browser, string name, bool javaScript = true) => Browser.SignedInAsync(browser, Address, name, javaScript);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        try
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}

/// <summary>
/// The live app on a fake clock, as the web tests' <c>AnswerbackApp</c> has it: it starts at the real
/// time (so cookies agree with the browser's clock) and the test moves it through a timetable.
/// </summary>
public sealed class ClockedLiveApp : LiveApp
{
    public FakeTimeProvider Time { get; } = new(TimeProvider.System.GetUtcNow());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time));
    }
}

/// <summary>Debian's Chromium driven by Playwright (never <c>playwright install</c>).</summary>
public static class Browser
{
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var exe = TestEnvironment.RequireChromium();
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = exe,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return (playwright, browser);
    }

    /// <summary>
    /// A new browser context on <paramref name="site"/>, signed in as the demo person through the demo
    /// panel's one-click button. It waits for the account page's heading, not for the page's "load"
    /// event: under a loaded CI machine that lifecycle event was seen not to arrive within 30 s after
    /// the redirect (twice in stop 19, on different journeys), while the page itself had been served.
    /// </summary>
    public static async Task<IPage> SignedInAsync(IBrowser browser, Uri site, string name, bool javaScript = true)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(site);
        var context = await browser.NewContextAsync(new() { BaseURL = site.ToString(), JavaScriptEnabled = javaScript });
        var page = await context.NewPageAsync();
        await SignInAsync(page, name);
        return page;
    }

    /// <summary>
    /// Signs the page in as a demo person with the demo page's one-click button, and waits for the account
    /// page's heading after the redirect (not for the load event, which stop 19's CI saw not arrive in 30 s).
    /// </summary>
    public static async Task SignInAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/demo", new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 90_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in as " + name }).ClickAsync(new() { Timeout = 90_000 });
        await page.WaitForURLAsync("**/accounts/me", new() { WaitUntil = WaitUntilState.Commit, Timeout = 90_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My account", Level = 1 })).ToBeVisibleAsync(new() { Timeout = 90_000 });
    }

    /// <summary>Runs axe-core on the page and fails on any serious or critical violation, naming them.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var result = await page.RunAxe();
        // axe really ran (a blocked script would give no results at all, and no violations).
        Assert.NotEmpty(result.Passes);
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"axe on {page.Url}:\n" + string.Join("\n", bad.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
    }
}
