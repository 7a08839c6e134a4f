using System.Net;
using Answerback.Web.Tests.Infrastructure;

namespace Answerback.Web.Tests;

/// <summary>What every page shares: error pages, security headers, antiforgery, the health check.</summary>
public sealed class SiteTests(PlainAppFixture apps) : IClassFixture<PlainAppFixture>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Get_UnknownPath_FriendlyNotFoundPage(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        using var session = app.Session();

        var page = await session.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("Page not found", page.Html, StringComparison.Ordinal);
        Assert.Contains("<main", page.Html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Get_AnyPage_SendsSecurityHeaders(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        using var session = app.Session();

        foreach (var path in new[] { "/", "/accounts/sign-in", "/no/such/page" })
        {
            var page = await session.GetAsync(path);
            var headers = page.Response.Headers;
            Assert.Equal(
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'self'",
                Assert.Single(headers.GetValues("Content-Security-Policy")));
            Assert.Equal("nosniff", Assert.Single(headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("strict-origin-when-cross-origin", Assert.Single(headers.GetValues("Referrer-Policy")));
            Assert.Equal("DENY", Assert.Single(headers.GetValues("X-Frame-Options")));
        }
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Get_OverHttpsOutsideDevelopment_SendsHsts(Provider provider)
    {
        // HSTS is never sent to localhost, so this site's public address is another host.
        await using var app = new AnswerbackApp(provider, demo: false, new Dictionary<string, string?> { ["Site:PublicUrl"] = "https://answerback.example/" });
        using var client = app.CreateClient(new() { BaseAddress = new Uri("https://answerback.example/"), AllowAutoRedirect = false });

        var response = await client.GetAsync(new Uri("/accounts/sign-in", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Contains("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Post_WithoutAntiforgeryToken_Refused(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        await app.CreatePersonAsync("no-token@example.org");
        using var session = app.Session();
        using var form = new FormUrlEncodedContent([new("Input.Email", "no-token@example.org"), new("Input.Password", WebSession.DefaultPassword)]);

        var response = await session.Client.PostAsync(new Uri("/accounts/sign-in", UriKind.Relative), form, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.Contains("answerback.session", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Healthz_DatabaseMigrated_Healthy(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        using var session = app.Session();

        var page = await session.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Healthy", page.Html);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Get_Pages_HaveLandmarksAndSkipLink(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        using var session = app.Session();

        var page = await session.GetAsync("/accounts/sign-up");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("<a class=\"skip-link\" href=\"#main\">", page.Html, StringComparison.Ordinal);
        Assert.Contains("<header", page.Html, StringComparison.Ordinal);
        Assert.Contains("<nav aria-label=\"Main\">", page.Html, StringComparison.Ordinal);
        Assert.Contains("<main id=\"main\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("<footer", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", page.Html, StringComparison.Ordinal);
        // Not in demo mode: no demo banner.
        Assert.DoesNotContain("This site shows demo data", page.Html, StringComparison.Ordinal);
    }
}
