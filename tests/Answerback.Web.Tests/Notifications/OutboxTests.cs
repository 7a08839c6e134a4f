using System.Net;
using Answerback.Platform.Accounts;
using Answerback.Web.Tests.Infrastructure;

namespace Answerback.Web.Tests.Notifications;

/// <summary>The operator's outbox page: administrators only outside demo mode.</summary>
public sealed class OutboxTests(PlainAppFixture apps) : IClassFixture<PlainAppFixture>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Get_Anonymous_SentToSignIn(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        using var session = app.Session();

        var page = await session.GetAsync("/operator/outbox");

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.Contains("/accounts/sign-in", page.Location, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Get_Citizen_Forbidden(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        await app.CreatePersonAsync($"citizen-{provider}@example.org");
        using var session = app.Session();
        await session.SignInAsync($"citizen-{provider}@example.org");

        var page = await session.GetAsync("/operator/outbox");

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains("You cannot do that", page.Html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Get_Administrator_ListsMessagesAndOpensOne(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        await app.CreatePersonAsync($"admin-{provider}@example.org", role: Roles.Administrator);
        var reset = $"reset-{provider}@example.org";
        await app.CreatePersonAsync(reset);
        using var session = app.Session();
        await session.PostFormAsync("/accounts/forgot-password", [new("Input.Email", reset)]);
        await app.DeliverEmailAsync();
        await session.SignInAsync($"admin-{provider}@example.org");

        var list = await session.GetAsync("/operator/outbox");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        var match = System.Text.RegularExpressions.Regex.Match(list.Html, "href=\"(/operator/outbox/[0-9a-f-]+)\">Reset your password<span class=\"visually-hidden\"> to " + System.Text.RegularExpressions.Regex.Escape(reset));
        Assert.True(match.Success, "the reset email is listed");

        var message = await session.GetAsync(match.Groups[1].Value);
        Assert.Equal(HttpStatusCode.OK, message.Status);
        Assert.Contains("<a href=\"https://localhost/accounts/reset-password?", message.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync("/operator/outbox/..%2F..%2Fetc")).Status);
    }
}
