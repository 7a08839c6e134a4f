using System.Net;
using System.Text.RegularExpressions;
using Answerback.Platform.Accounts;
using Answerback.Web.Tests.Infrastructure;

namespace Answerback.Web.Tests.Notifications;

/// <summary>
/// The outbox in demo mode: open to everyone for confirming new accounts, but never showing a
/// privileged account's email (a password reset link for the administrator would be a takeover).
/// </summary>
public sealed class DemoOutboxTests(DemoAppFixture apps) : IClassFixture<DemoAppFixture>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Get_AnonymousInDemoMode_HidesTheAdministratorsResetButShowsACitizensConfirmation(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        var admin = $"admin-{provider}@example.org";
        var citizen = $"new-citizen-{provider}@example.org";
        await app.CreatePersonAsync(admin, role: Roles.Administrator);
        using var anonymous = app.Session();
        await anonymous.PostFormAsync("/accounts/forgot-password", [new("Input.Email", admin)]);
        var signUp = await anonymous.PostFormAsync("/accounts/sign-up",
            [new("Input.Email", citizen), new("Input.DisplayName", "Nia Newcomer"), new("Input.Password", WebSession.DefaultPassword)]);
        Assert.Equal(HttpStatusCode.Redirect, signUp.Status);

        var list = await anonymous.GetAsync("/operator/outbox");

        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Contains("Confirm your email address<span class=\"visually-hidden\"> to " + citizen, list.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(admin, list.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Messages to privileged accounts", list.Html, StringComparison.Ordinal);

        // The administrator sees the reset (so it was sent), and its address is refused to the anonymous visitor.
        using var adminSession = app.Session();
        await adminSession.SignInAsync(admin);
        var adminList = await adminSession.GetAsync("/operator/outbox");
        var reset = Regex.Match(adminList.Html, "href=\"(/operator/outbox/[0-9a-f-]+)\">Reset your password<span class=\"visually-hidden\"> to " + Regex.Escape(admin));
        Assert.True(reset.Success, "the administrator sees the reset email");
        Assert.DoesNotContain("Messages to privileged accounts", adminList.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(reset.Groups[1].Value)).Status);
        Assert.Equal(HttpStatusCode.OK, (await adminSession.GetAsync(reset.Groups[1].Value)).Status);
    }
}
