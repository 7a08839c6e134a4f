using System.Net;
using Answerback.Platform.Accounts;
using Answerback.Platform.Data;
using Answerback.Platform.Notifications;
using Answerback.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Web.Tests.Accounts;

/// <summary>The account attacks of issue 9, each reproduced against the app and now failing.</summary>
public sealed class AccountAttackTests(PlainAppFixture apps) : IClassFixture<PlainAppFixture>
{
    private static async Task<OutboxMessage?> LatestAsync(AnswerbackApp app, string email, string subject)
    {
        await app.DeliverEmailAsync();
        return (await app.Services.GetRequiredService<Outbox>().ListAsync())
            .FirstOrDefault(m => m.To.Contains(email, StringComparison.OrdinalIgnoreCase) && m.Subject == subject);
    }

    private static async Task<Page> SignUpAsync(WebSession session, string email, string name = "Someone", string password = WebSession.DefaultPassword)
        => await session.PostFormAsync("/accounts/sign-up", [new("Input.Email", email), new("Input.DisplayName", name), new("Input.Password", password)]);

    private static string Problem(Page page)
    {
        var text = WebSession.Text(page.Html);
        var start = text.IndexOf("There is a problem", StringComparison.Ordinal);
        return start < 0 ? "" : text[start..Math.Min(text.Length, start + 300)];
    }

    /// <summary>Finding 1: a reset requested with Host: evil.example mailed a link on evil.example.</summary>
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ForgotPassword_ForgedHostHeader_RefusedAndLinksUseThePublicUrl(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        var email = $"victim-host-{provider}@example.org";
        await app.CreatePersonAsync(email);
        using var attacker = app.CreateClient(new() { BaseAddress = new Uri("https://evil.example/"), AllowAutoRedirect = false });

        var forged = await attacker.GetAsync(new Uri("/accounts/forgot-password", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        using var session = app.Session();
        await session.PostFormAsync("/accounts/forgot-password", [new("Input.Email", email)]);
        var message = await LatestAsync(app, email, "Reset your password");
        Assert.NotNull(message);
        Assert.Contains("https://localhost/accounts/reset-password?", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", message.TextBody, StringComparison.Ordinal);
    }

    /// <summary>Finding 2: opening the confirmation link (a GET, as a link scanner does) confirmed the attacker's pre-registration.</summary>
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ConfirmEmail_LinkOpenedWithGet_DoesNotConfirm(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        var email = $"scanned-{provider}@example.org";
        using var attacker = app.Session();
        await SignUpAsync(attacker, email);
        var link = await SignUpTests.LinkInOutboxAsync(app, email, "Confirm your email address");

        using var scanner = app.Session();
        var opened = await scanner.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, opened.Status);
        Assert.Contains("Confirm my email address", opened.Html, StringComparison.Ordinal);
        Assert.False(await app.WithScopeAsync(async s => (await s.GetRequiredService<UserManager<Person>>().FindByEmailAsync(email))!.EmailConfirmed));
        Assert.Contains("Email address confirmed", (await scanner.PostFormAsync(link, [])).Html, StringComparison.Ordinal);
    }

    /// <summary>Finding 2: the owner of a pre-registered address can always take it back with a reset.</summary>
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ForgotPassword_AddressPreRegisteredByAttacker_OwnerResetsAndAttackerPasswordFails(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        var email = $"future-admin-{provider}@example.org";
        using var attacker = app.Session();
        await SignUpAsync(attacker, email, password: "attacker-password-1");

        using var owner = app.Session();
        await owner.PostFormAsync("/accounts/forgot-password", [new("Input.Email", email)]);
        var link = await SignUpTests.LinkInOutboxAsync(app, email, "Reset your password");
        Assert.Contains("Password changed", (await owner.PostFormAsync(link, [new("Input.Password", "owner-took-it-back")])).Html, StringComparison.Ordinal);

        await owner.SignInAsync(email, "owner-took-it-back");
        var stolen = await attacker.PostFormAsync("/accounts/sign-in", [new("Input.Email", email), new("Input.Password", "attacker-password-1")]);
        Assert.Equal(HttpStatusCode.OK, stolen.Status);
    }

    /// <summary>Finding 7: sign-up said the address was taken.</summary>
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SignUp_TakenAddress_SameAnswerAsANewOneAndTheOwnerIsTold(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        var taken = $"taken-{provider}@example.org";
        await app.CreatePersonAsync(taken);
        using var session = app.Session();

        var known = await SignUpAsync(session, taken);
        var fresh = await SignUpAsync(session, $"fresh-{provider}@example.org");

        Assert.Equal(HttpStatusCode.Redirect, known.Status);
        Assert.Equal(fresh.Location, known.Location);
        Assert.NotNull(await LatestAsync(app, taken, "You already have an Answerback account"));
    }

    /// <summary>Finding 7: "confirm your email" for any password on an unconfirmed account, and a lock-out message only for real accounts.</summary>
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SignIn_UnconfirmedOrLockedOrUnknown_OneMessage(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        using var session = app.Session();
        var unconfirmed = $"unconfirmed-{provider}@example.org";
        await SignUpAsync(session, unconfirmed);
        var locked = $"locked-enum-{provider}@example.org";
        await app.CreatePersonAsync(locked);
        for (var i = 0; i < 6; i++)
        {
            await session.PostFormAsync("/accounts/sign-in", [new("Input.Email", locked), new("Input.Password", "wrong-password-" + i)]);
        }

        var answers = new List<string>();
        foreach (var email in new[] { unconfirmed, locked, $"nobody-enum-{provider}@example.org" })
        {
            answers.Add(Problem(await session.PostFormAsync("/accounts/sign-in", [new("Input.Email", email), new("Input.Password", "a-wrong-guess")])));
        }

        Assert.NotEqual("", answers[0]);
        Assert.All(answers, a => Assert.Equal(answers[0], a));
    }

    /// <summary>Finding 9: a copied cookie still worked after sign-out.</summary>
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SignOut_CopiedCookie_NoLongerSignsIn(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        var email = $"copied-{provider}@example.org";
        await app.CreatePersonAsync(email);
        using var session = app.Session();
        var signIn = await session.PostFormAsync("/accounts/sign-in", [new("Input.Email", email), new("Input.Password", WebSession.DefaultPassword)]);
        var setCookie = signIn.Response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-answerback.session=", StringComparison.Ordinal));
        Assert.Contains("secure", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", setCookie, StringComparison.OrdinalIgnoreCase);
        var copied = setCookie.Split(';')[0];
        Assert.Equal(HttpStatusCode.OK, (await app.GetWithCookieAsync("/accounts/me", copied)).StatusCode);

        await session.PostFormAsync("/accounts/sign-out", [], formPage: "/accounts/me");

        Assert.Equal(HttpStatusCode.Redirect, (await app.GetWithCookieAsync("/accounts/me", copied)).StatusCode);
    }

    /// <summary>Finding 9: "sign out everywhere" ends the sessions on other devices.</summary>
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SignOutEverywhere_OtherDevice_SignedOut(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        var email = $"everywhere-{provider}@example.org";
        await app.CreatePersonAsync(email);
        using var laptop = app.Session();
        using var phone = app.Session();
        await laptop.SignInAsync(email);
        await phone.SignInAsync(email);

        var done = await laptop.PostFormAsync("/accounts/me?handler=SignOutEverywhere", [], formPage: "/accounts/me");

        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync("/accounts/me")).Status);
    }

    /// <summary>Finding 9: outside Development, plain HTTP is redirected to the https site.</summary>
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Get_OverHttp_RedirectedToHttps(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        using var client = app.CreateClient(new() { BaseAddress = new Uri("http://localhost/"), AllowAutoRedirect = false });
        var response = await client.GetAsync(new Uri("/accounts/sign-in", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https://localhost/accounts/sign-in", response.Headers.Location?.ToString());
    }

    /// <summary>Finding 10: composition rules only, no check against common passwords.</summary>
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SignUp_CommonPassword_RefusedButALongPlainOneAccepted(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        using var session = app.Session();

        var common = await SignUpAsync(session, $"common-{provider}@example.org", password: "Password1234");
        Assert.Equal(HttpStatusCode.OK, common.Status);
        Assert.Contains("list of commonly used passwords", common.Html, StringComparison.Ordinal);

        var plain = await SignUpAsync(session, $"plain-{provider}@example.org", password: "lantern orchard");
        Assert.Equal(HttpStatusCode.Redirect, plain.Status);
    }

    /// <summary>Finding 10: two-factor sign-in with an authenticator app; the password alone is not enough once it is on.</summary>
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task TwoFactor_Enrol_ThenThePasswordAloneDoesNotSignIn(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        var email = $"totp-{provider}@example.org";
        await app.CreatePersonAsync(email);
        using var session = app.Session();
        await session.SignInAsync(email);
        var enrol = await session.GetAsync("/accounts/two-factor");
        var key = System.Text.RegularExpressions.Regex.Match(enrol.Html, "id=\"authenticator-key\">([a-z2-7 ]+)<").Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        Assert.Contains("otpauth://totp/", enrol.Html, StringComparison.Ordinal);

        var enabled = await session.PostFormAsync("/accounts/two-factor?handler=Enable", [new("Input.Code", Totp.Code(key))], formPage: "/accounts/two-factor");
        Assert.Contains("Your recovery codes", enabled.Html, StringComparison.Ordinal);

        using var thief = app.Session();
        var stolen = await thief.PostFormAsync("/accounts/sign-in", [new("Input.Email", email), new("Input.Password", WebSession.DefaultPassword)]);
        Assert.StartsWith("/accounts/sign-in-two-factor", stolen.Location, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await thief.GetAsync("/accounts/me")).Status);
        var wrong = await thief.PostFormAsync(stolen.Location!, [new("Input.Code", "000000")]);
        Assert.Contains("This code is not right", wrong.Html, StringComparison.Ordinal);
        await thief.SignInAsync(email); // the session helper answers the second step with the right code
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/accounts/me")).Status);
    }

    /// <summary>Finding 12: the display name went verbatim into emails.</summary>
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SignUp_PhishingDisplayName_NotCopiedIntoTheEmail(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        var email = $"phish-{provider}@example.org";
        using var session = app.Session();
        await SignUpAsync(session, email, name: "Your account is suspended: log in at https://evil.example/login now");

        var message = await LatestAsync(app, email, "Confirm your email address");

        Assert.NotNull(message);
        Assert.DoesNotContain("evil.example", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", message.HtmlBody, StringComparison.Ordinal);
    }

    /// <summary>
    /// Finding 12: account pages were cacheable. (A page with a form is already sent no-store by
    /// antiforgery, so the pages checked here are ones without a form.)
    /// </summary>
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AccountPages_NeverCached(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        using var session = app.Session();
        foreach (var path in new[] { "/accounts/check-email?reason=reset", "/accounts/confirm-email" })
        {
            var page = await session.GetAsync(path);
            Assert.True(page.Response.Headers.CacheControl?.NoStore == true, path + " must send Cache-Control: no-store");
        }
    }

    /// <summary>Finding 6: accounts made on a demo site never get roles (here: the flag is set at sign-up only on a demo).</summary>
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SignUp_NotADemo_AccountMayHoldRoles(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        var email = $"real-{provider}@example.org";
        using var session = app.Session();
        await SignUpAsync(session, email);
        Assert.False(await app.WithScopeAsync(s => s.GetRequiredService<AnswerbackDbContext>().Users.Where(u => u.Email == email).Select(u => u.CreatedInDemo).SingleAsync()));
    }
}

/// <summary>Finding 9: cookies lasted 14 days sliding, with no absolute limit.</summary>
public sealed class SessionLifetimeTests(ClockAppFixture apps) : IClassFixture<ClockAppFixture>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Session_UsedEverySixHours_EndsAfterSevenDays(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        var email = $"long-{provider}@example.org";
        await app.CreatePersonAsync(email);
        using var session = app.Session();
        await session.SignInAsync(email);

        for (var hours = 6; hours <= 6 * 30; hours += 6)
        {
            app.Time.Advance(TimeSpan.FromHours(6));
            var page = await session.GetAsync("/accounts/me");
            Assert.Equal(hours <= 7 * 24 ? HttpStatusCode.OK : HttpStatusCode.Redirect, page.Status);
        }
    }
}
