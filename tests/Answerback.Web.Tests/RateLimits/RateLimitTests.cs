using System.Net;
using Answerback.Web.Tests.Infrastructure;

namespace Answerback.Web.Tests.RateLimits;

/// <summary>The rate limits in front of sign-in (counted in the database).</summary>
public sealed class SignInRateLimitTests(TightSignInLimitFixture apps) : IClassFixture<TightSignInLimitFixture>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SignIn_BeyondLimit_TooManyRequestsPage(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        using var session = app.Session();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var page = await session.PostFormAsync("/accounts/sign-in", [new("Input.Email", $"someone-{provider}@example.org"), new("Input.Password", "not-the-password")]);
            statuses.Add(page.Status);
            if (i == 3)
            {
                Assert.Contains("Too many attempts", page.Html, StringComparison.Ordinal);
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        // Reading the page is never limited.
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/accounts/sign-in")).Status);
    }
}

/// <summary>The rate limits in front of residency verification (per account, before the platform's own limit).</summary>
public sealed class VerificationRateLimitTests(TightVerificationLimitFixture apps) : IClassFixture<TightVerificationLimitFixture>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Verify_BeyondLimit_TooManyRequestsPage(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        await app.CreatePersonAsync($"hammer-{provider}@example.org");
        using var session = app.Session();
        await session.SignInAsync($"hammer-{provider}@example.org");
        var statuses = new List<HttpStatusCode>();
        Page? last = null;
        for (var i = 0; i < 4; i++)
        {
            last = await session.PostFormAsync("/residency/verify", [new("Input.ElectorNumber", "XX1-000" + i), new("Input.Postcode", "CB1 1AA")]);
            statuses.Add(last.Status);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Contains("Too many attempts", last!.Html, StringComparison.Ordinal);
    }
}

/// <summary>
/// Issue 9, finding 8: the per-account limit read only the form's Input.Email, so the address in
/// the query string (or a field without its prefix) skipped it; the per-address limit used the full
/// IPv6 address. Each post below comes from a different client address, so only the account limit
/// can refuse the fourth.
/// </summary>
public sealed class ResetRateLimitTests(TightResetLimitFixture apps) : IClassFixture<TightResetLimitFixture>
{
    private static async Task<Page> PostResetAsync(WebSession session, string path, IEnumerable<KeyValuePair<string, string>> fields, string address)
    {
        var token = await session.TokenAsync("/accounts/forgot-password");
        using var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = content };
        request.Headers.Add(AnswerbackApp.ClientAddressHeader, address);
        var response = await session.Client.SendAsync(request, TestContext.Current.CancellationToken);
        return new Page(response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), response);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ForgotPassword_AddressInQueryStringOrUnprefixedOrOtherCase_CountsAsTheSameAccount(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        using var session = app.Session();
        var victim = $"victim-{provider}@example.org";
        var statuses = new List<HttpStatusCode>
        {
            (await PostResetAsync(session, "/accounts/forgot-password", [new("Input.Email", victim)], "192.0.2.1")).Status,
            (await PostResetAsync(session, "/accounts/forgot-password", [new("Email", victim.ToUpperInvariant())], "192.0.2.2")).Status,
            (await PostResetAsync(session, "/accounts/forgot-password?Input.Email=" + Uri.EscapeDataString(victim), [], "192.0.2.3")).Status,
            (await PostResetAsync(session, "/accounts/forgot-password?Input.Email=" + Uri.EscapeDataString(" " + victim), [], "192.0.2.4")).Status,
        };

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], statuses);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ForgotPassword_RotatingWithinAnIpv6Slash64_CountsAsOneClient(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        using var session = app.Session();
        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 4; i++)
        {
            var page = await PostResetAsync(session, "/accounts/forgot-password", [new("Input.Email", $"v6-{i}-{provider}@example.org")], $"2001:db8:{(provider == Provider.Sqlite ? 1 : 2)}:7::{i:x}");
            statuses.Add(page.Status);
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public void ClientPartition_Ipv6_ByTheSlash64_Ipv4MappedAsIpv4()
    {
        Assert.Equal("2001:db8:1:2::/64", Answerback.Web.Infrastructure.RateLimiting.ClientPartition(System.Net.IPAddress.Parse("2001:db8:1:2:aaaa:bbbb:cccc:dddd")));
        Assert.Equal("192.0.2.7", Answerback.Web.Infrastructure.RateLimiting.ClientPartition(System.Net.IPAddress.Parse("::ffff:192.0.2.7")));
    }
}
