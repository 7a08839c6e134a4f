using System.Net;
using System.Text.RegularExpressions;
using Answerback.Platform.Notifications;
using Answerback.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Web.Tests.Accounts;

/// <summary>Sign up, confirm from the outbox, sign in and out; lock-out; password reset.</summary>
public sealed partial class SignUpTests(PlainAppFixture apps) : IClassFixture<PlainAppFixture>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SignUp_ConfirmFromOutbox_CanSignIn(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        using var session = app.Session();
        var email = $"ada-{provider}@example.org";

        var signUp = await session.PostFormAsync("/accounts/sign-up",
            [new("Input.Email", email), new("Input.DisplayName", "Ada Lovelace"), new("Input.Password", WebSession.DefaultPassword)]);
        Assert.Equal(HttpStatusCode.Redirect, signUp.Status);
        Assert.StartsWith("/accounts/check-email", signUp.Location, StringComparison.Ordinal);

        // Before confirming, the right password is not enough.
        var early = await session.PostFormAsync("/accounts/sign-in", [new("Input.Email", email), new("Input.Password", WebSession.DefaultPassword)]);
        Assert.Equal(HttpStatusCode.OK, early.Status);
        Assert.Contains("Please confirm your email address first", early.Html, StringComparison.Ordinal);

        var link = await ConfirmationLinkAsync(app, email);
        var confirm = await session.PostFormAsync(link, []);
        Assert.Equal(HttpStatusCode.OK, confirm.Status);
        Assert.Contains("Email address confirmed", confirm.Html, StringComparison.Ordinal);

        await session.SignInAsync(email);
        var me = await session.GetAsync("/accounts/me");
        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.Contains("Ada Lovelace", me.Html, StringComparison.Ordinal);

        var signOut = await session.PostFormAsync("/accounts/sign-out", [], formPage: "/accounts/me");
        Assert.Equal(HttpStatusCode.Redirect, signOut.Status);
        var after = await session.GetAsync("/accounts/me");
        Assert.Equal(HttpStatusCode.Redirect, after.Status);
        Assert.StartsWith("https://localhost/accounts/sign-in", after.Location, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ConfirmEmail_TamperedCode_Refused(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        var person = await app.CreatePersonAsync($"tamper-{provider}@example.org");
        using var session = app.Session();

        var page = await session.PostFormAsync($"/accounts/confirm-email?userId={person.Id}&code=bm90LWEtdG9rZW4", []);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("This link does not work", page.Html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SignIn_FiveWrongPasswords_LockedOutEvenWithRightPassword(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        var email = $"locked-{provider}@example.org";
        await app.CreatePersonAsync(email);
        using var session = app.Session();

        for (var i = 0; i < 5; i++)
        {
            var wrong = await session.PostFormAsync("/accounts/sign-in", [new("Input.Email", email), new("Input.Password", "wrong-password-" + i)]);
            Assert.Equal(HttpStatusCode.OK, wrong.Status);
        }

        var right = await session.PostFormAsync("/accounts/sign-in", [new("Input.Email", email), new("Input.Password", WebSession.DefaultPassword)]);
        Assert.Equal(HttpStatusCode.OK, right.Status);
        Assert.Contains("locked for 15 minutes", right.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(right.Response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.Contains("answerback.session", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SignIn_UnknownEmail_SameMessageAsWrongPassword(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        await app.CreatePersonAsync($"known-{provider}@example.org");
        using var session = app.Session();

        var unknown = await session.PostFormAsync("/accounts/sign-in", [new("Input.Email", $"nobody-{provider}@example.org"), new("Input.Password", "whatever-password")]);
        var wrong = await session.PostFormAsync("/accounts/sign-in", [new("Input.Email", $"known-{provider}@example.org"), new("Input.Password", "whatever-password")]);

        Assert.Contains("The email address or password is not right.", unknown.Html, StringComparison.Ordinal);
        Assert.Contains("The email address or password is not right.", wrong.Html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ForgotPassword_LinkFromOutbox_SetsNewPassword(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        var email = $"forgetful-{provider}@example.org";
        await app.CreatePersonAsync(email);
        using var session = app.Session();

        var ask = await session.PostFormAsync("/accounts/forgot-password", [new("Input.Email", email)]);
        Assert.Equal(HttpStatusCode.Redirect, ask.Status);
        var link = await LinkInOutboxAsync(app, email, "Reset your password");

        var reset = await session.PostFormAsync(link, [new("Input.Password", "A-brand-new-password-7")]);
        Assert.Equal(HttpStatusCode.OK, reset.Status);
        Assert.Contains("Password changed", reset.Html, StringComparison.Ordinal);

        await session.SignInAsync(email, "A-brand-new-password-7");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SignUp_InvalidInput_ErrorsNamedAndNoAccount(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        using var session = app.Session();

        var page = await session.PostFormAsync("/accounts/sign-up",
            [new("Input.Email", "not-an-email"), new("Input.DisplayName", ""), new("Input.Password", "short")]);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("There is a problem", page.Html, StringComparison.Ordinal);
        Assert.Contains("Enter an email address like name@example.org", page.Html, StringComparison.Ordinal);
        Assert.Contains("Enter the name others will see", page.Html, StringComparison.Ordinal);
        Assert.Contains("Use at least 8 characters for your password", page.Html, StringComparison.Ordinal);
    }

    private static Task<string> ConfirmationLinkAsync(AnswerbackApp app, string email) =>
        LinkInOutboxAsync(app, email, "Confirm your email address");

    /// <summary>The path of the link in the newest outbox message to <paramref name="email"/> with this subject.</summary>
    internal static async Task<string> LinkInOutboxAsync(AnswerbackApp app, string email, string subject)
    {
        await app.DeliverEmailAsync();
        var outbox = app.Services.GetRequiredService<Outbox>();
        var messages = await outbox.ListAsync();
        var message = messages.First(m => m.To.Contains(email, StringComparison.OrdinalIgnoreCase) && m.Subject == subject);
        var url = new Uri(LinkPattern().Match(message.TextBody).Value);
        return url.PathAndQuery;
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
