using System.Net;
using Answerback.Web.Tests.Infrastructure;

namespace Answerback.Web.Tests;

/// <summary>ASP.NET's rate limiter in front of sign-in.</summary>
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

/// <summary>ASP.NET's rate limiter in front of residency verification (per account, before the platform's own limit).</summary>
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
