using System.Net;
using Answerback.Platform.Accounts;
using Answerback.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Web.Tests.Accounts;

/// <summary>A real OpenID Connect provider (OpenIddict) on 127.0.0.1, and Answerback configured with two clients of it.</summary>
public sealed class OidcFixture : IAsyncLifetime
{
    private Apps? apps;

    public TestOidcProvider Provider { get; private set; } = null!;

    public Task<AnswerbackApp> AppAsync(Provider provider) => apps!.AppAsync(provider);

    public async ValueTask InitializeAsync()
    {
        Provider = await TestOidcProvider.StartAsync(AnswerbackApp.BaseAddress);
        apps = new Apps(Provider.AnswerbackSettings);
    }

    public async ValueTask DisposeAsync()
    {
        if (apps is not null)
        {
            await apps.DisposeAsync();
        }

        await Provider.DisposeAsync();
    }

    private sealed class Apps(IReadOnlyDictionary<string, string?> settings) : AppFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings => settings;
    }
}

/// <summary>
/// Sign in with an existing account, end to end: Answerback's OpenID Connect handler against
/// OpenIddict's server, the browser played by the test (redirect to the provider, its form_post
/// answer posted back). A new person, linking to an existing one only after a password sign-in,
/// an unverified email refused, unlinking, two-factor still asked for, and tampered, replayed and
/// misdirected answers refused.
/// </summary>
public sealed class ExternalSignInTests(OidcFixture oidc) : IClassFixture<OidcFixture>
{
    private const string Party = "oidc-party";

    private TestOidcProvider Idp => oidc.Provider;

    /// <summary>Presses "Sign in with …" and plays the browser until the provider's answer is ready to post back.</summary>
    private async Task<ProviderAnswer> StartAsync(WebSession session, ProviderUser user, string scheme = Party, string? returnUrl = null, Func<string, string>? tamperRequest = null)
    {
        Idp.NextUser = user;
        List<KeyValuePair<string, string>> fields = [new("provider", scheme)];
        if (returnUrl is not null)
        {
            fields.Add(new("returnUrl", returnUrl));
        }

        var challenge = await session.PostFormAsync("/accounts/external/challenge", fields, formPage: "/accounts/sign-in");
        Assert.Equal(HttpStatusCode.Redirect, challenge.Status);
        Assert.StartsWith(Idp.Authority + "connect/authorize?", challenge.Location, StringComparison.Ordinal);
        return await Idp.AuthorizeAsync(challenge.Location!, tamperRequest);
    }

    /// <summary>Posts the provider's answer to Answerback (as the provider's page does) and follows Answerback's own redirects.</summary>
    private static async Task<Page> FinishAsync(WebSession session, ProviderAnswer answer, Uri? callback = null)
    {
        using var content = new FormUrlEncodedContent(answer.Fields);
        var response = await session.Client.PostAsync(callback ?? answer.Action, content);
        var page = new Page(response.StatusCode, await response.Content.ReadAsStringAsync(), response);
        // Answerback's own steps after the handler: the callback page, and from there the link page.
        while (page.Status == HttpStatusCode.Redirect
               && (page.Location!.StartsWith("/accounts/external/", StringComparison.OrdinalIgnoreCase) || page.Location == "/accounts/link-external"))
        {
            page = await session.GetAsync(page.Location);
        }

        return page;
    }

    private async Task<Page> SignInThroughProviderAsync(WebSession session, ProviderUser user, string scheme = Party)
        => await FinishAsync(session, await StartAsync(session, user, scheme));

    private static async Task<IList<UserLoginInfo>> LoginsAsync(AnswerbackApp app, string email)
        => await app.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<Person>>();
            return await users.FindByEmailAsync(email) is { } person ? await users.GetLoginsAsync(person) : [];
        });

    /// <summary>Arranges a person already linked to the "party" provider (as the link page would).</summary>
    private static async Task LinkDirectlyAsync(AnswerbackApp app, string email, string subject)
        => await app.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<Person>>();
            var result = await users.AddLoginAsync((await users.FindByEmailAsync(email))!, new UserLoginInfo(Party, subject, "Party ID"));
            Assert.True(result.Succeeded);
            return result;
        });

    private static async Task<Person?> FindAsync(AnswerbackApp app, string email)
        => await app.WithScopeAsync(async services => await services.GetRequiredService<UserManager<Person>>().FindByEmailAsync(email));

    private static async Task AssertSignedInAsAsync(WebSession session, string email)
    {
        var me = await session.GetAsync("/accounts/me");
        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.Contains(email, WebSession.Text(me.Html), StringComparison.Ordinal);
    }

    private static async Task AssertRefusedAsync(WebSession session, Page page, bool signedInBefore = false)
    {
        Assert.True(page.Status == HttpStatusCode.Redirect, $"{page.Status}: {WebSession.Text(page.Html)}");
        Assert.Equal("/accounts/sign-in?external-failed=true", page.Location);
        var signIn = await session.GetAsync(page.Location!);
        Assert.Contains("Signing in through the other site did not work", WebSession.Text(signIn.Html), StringComparison.Ordinal);
        if (!signedInBefore)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/accounts/me")).Status);
        }
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SignInPage_ListsEachProvider_AsAPostButton(Provider provider)
    {
        var app = await oidc.AppAsync(provider);
        using var session = app.Session();

        var page = await session.GetAsync("/accounts/sign-in");

        Assert.Contains("Sign in with Party ID", WebSession.Text(page.Html), StringComparison.Ordinal);
        Assert.Contains("Sign in with Other ID", WebSession.Text(page.Html), StringComparison.Ordinal);
        Assert.Contains("action=\"/accounts/external/challenge\"", page.Html, StringComparison.Ordinal);
        // A sign-in form is redirected to the provider: the content security policy must allow it.
        Assert.Contains("form-action 'self' " + Idp.Authority.GetLeftPart(UriPartial.Authority), page.Response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task NewPerson_VerifiedEmail_AccountCreatedAndTheNextSignInGoesStraightIn(Provider provider)
    {
        var app = await oidc.AppAsync(provider);
        var email = $"newcomer-{provider}@example.org";
        var user = new ProviderUser("sub-newcomer-" + provider, email, EmailVerified: true, "Nia Newcomer");
        using var first = app.Session();

        var choice = await SignInThroughProviderAsync(first, user);
        Assert.Equal(HttpStatusCode.OK, choice.Status);
        Assert.Contains("Create an Answerback account for " + email, WebSession.Text(choice.Html), StringComparison.Ordinal);
        var created = await first.PostFormAsync("/accounts/external/create", [], formPage: choice.Response.RequestMessage!.RequestUri!.PathAndQuery);

        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        Assert.Equal("/accounts/me", created.Location);
        await AssertSignedInAsAsync(first, email);
        var person = await FindAsync(app, email);
        Assert.NotNull(person);
        Assert.True(person.EmailConfirmed);
        Assert.Equal("Nia Newcomer", person.DisplayName);
        var login = Assert.Single(await LoginsAsync(app, email));
        Assert.Equal((Party, user.Subject), (login.LoginProvider, login.ProviderKey));

        using var second = app.Session();
        var again = await SignInThroughProviderAsync(second, user);
        Assert.Equal(HttpStatusCode.Redirect, again.Status);
        Assert.Equal("/accounts/me", again.Location);
        await AssertSignedInAsAsync(second, email);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task UnverifiedEmail_NoAccountIsMadeFromIt(Provider provider)
    {
        var app = await oidc.AppAsync(provider);
        var email = $"unverified-{provider}@example.org";
        using var session = app.Session();

        var choice = await SignInThroughProviderAsync(session, new ProviderUser("sub-unverified-" + provider, email, EmailVerified: false));
        Assert.Contains("did not say that your email address is verified", WebSession.Text(choice.Html), StringComparison.Ordinal);
        Assert.DoesNotContain("Create my account", WebSession.Text(choice.Html), StringComparison.Ordinal);
        // The button is not there; posting the form anyway is refused too.
        var forced = await session.PostFormAsync("/accounts/external/create", [], formPage: "/accounts/sign-in");

        Assert.Equal(HttpStatusCode.OK, forced.Status);
        Assert.Contains("did not say that your email address is verified", WebSession.Text(forced.Html), StringComparison.Ordinal);
        Assert.Null(await FindAsync(app, email));
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/accounts/me")).Status);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ExistingPerson_SameVerifiedEmail_NotLinkedUntilTheySignInWithTheirPassword(Provider provider)
    {
        var app = await oidc.AppAsync(provider);
        var email = $"existing-{provider}@example.org";
        await app.CreatePersonAsync(email);
        var user = new ProviderUser("sub-existing-" + provider, email, EmailVerified: true);
        using var session = app.Session();

        var choice = await SignInThroughProviderAsync(session, user);
        Assert.Equal(HttpStatusCode.OK, choice.Status);
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/accounts/me")).Status);
        var create = await session.PostFormAsync("/accounts/external/create", [], formPage: choice.Response.RequestMessage!.RequestUri!.PathAndQuery);
        Assert.Contains("There is already an Answerback account for " + email, WebSession.Text(create.Html), StringComparison.Ordinal);
        Assert.Empty(await LoginsAsync(app, email));

        await session.SignInAsync(email);
        var confirm = await session.GetAsync("/accounts/link-external");
        Assert.Contains("Link your Party ID account (" + email + ") to your Answerback account " + email, WebSession.Text(confirm.Html), StringComparison.Ordinal);
        var linked = await session.PostFormAsync("/accounts/link-external", []);

        Assert.Equal(HttpStatusCode.Redirect, linked.Status);
        Assert.Equal(user.Subject, Assert.Single(await LoginsAsync(app, email)).ProviderKey);
        using var later = app.Session();
        var again = await SignInThroughProviderAsync(later, user);
        Assert.Equal("/accounts/me", again.Location);
        await AssertSignedInAsAsync(later, email);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Unlink_WithAPassword_RemovedButTheLastWayToSignInIsKept(Provider provider)
    {
        var app = await oidc.AppAsync(provider);
        var withPassword = $"unlink-{provider}@example.org";
        await app.CreatePersonAsync(withPassword);
        using var session = app.Session();
        await session.SignInAsync(withPassword);
        // Linking from the account page: the provider's sign-in while signed in goes to the link page.
        var linkPage = await FinishAsync(session, await StartAsync(session, new ProviderUser("sub-unlink-" + provider, "elsewhere@example.org", true), "oidc-other"));
        Assert.Contains("Link your Other ID account", WebSession.Text(linkPage.Html), StringComparison.Ordinal);
        await session.PostFormAsync("/accounts/link-external", []);
        Assert.Contains("Other ID", WebSession.Text((await session.GetAsync("/accounts/me")).Html), StringComparison.Ordinal);

        var unlinked = await session.PostFormAsync("/accounts/me?handler=Unlink", [new("loginProvider", "oidc-other"), new("providerKey", "sub-unlink-" + provider)], formPage: "/accounts/me");

        Assert.Equal(HttpStatusCode.Redirect, unlinked.Status);
        Assert.Empty(await LoginsAsync(app, withPassword));
        await AssertSignedInAsAsync(session, withPassword);

        var onlyExternal = $"only-external-{provider}@example.org";
        using var newcomer = app.Session();
        var choice = await SignInThroughProviderAsync(newcomer, new ProviderUser("sub-only-" + provider, onlyExternal, true));
        await newcomer.PostFormAsync("/accounts/external/create", [], formPage: choice.Response.RequestMessage!.RequestUri!.PathAndQuery);
        var refused = await newcomer.PostFormAsync("/accounts/me?handler=Unlink", [new("loginProvider", Party), new("providerKey", "sub-only-" + provider)], formPage: "/accounts/me");

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains(SignInMethods.LastMethodMessage, WebSession.Text(refused.Html), StringComparison.Ordinal);
        Assert.Single(await LoginsAsync(app, onlyExternal));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task TwoFactorPerson_SignsInThroughTheProvider_StillAskedForTheCode(Provider provider)
    {
        var app = await oidc.AppAsync(provider);
        var email = $"organiser-{provider}@example.org";
        await app.CreatePersonAsync(email, twoFactor: true);
        await LinkDirectlyAsync(app, email, "sub-organiser-" + provider);
        using var session = app.Session();

        var page = await SignInThroughProviderAsync(session, new ProviderUser("sub-organiser-" + provider, email, true));

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("/accounts/sign-in-two-factor", page.Location, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/accounts/me")).Status);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task TamperedState_Refused(Provider provider)
    {
        var app = await oidc.AppAsync(provider);
        using var session = app.Session();
        var answer = await StartAsync(session, new ProviderUser("sub-state-" + provider, $"state-{provider}@example.org", true));

        var page = await FinishAsync(session, answer.With("state", answer.Field("state")[..^4] + "AAAA"));

        await AssertRefusedAsync(session, page);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task TamperedNonce_Refused(Provider provider)
    {
        var app = await oidc.AppAsync(provider);
        using var session = app.Session();
        // The nonce is changed on its way to the provider, which then signs an ID token for the other nonce.
        var answer = await StartAsync(session, new ProviderUser("sub-nonce-" + provider, $"nonce-{provider}@example.org", true),
            tamperRequest: url => System.Text.RegularExpressions.Regex.Replace(url, "nonce=[^&]+", "nonce=attacker-chosen-nonce"));

        var page = await FinishAsync(session, answer);

        await AssertRefusedAsync(session, page);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ReplayedAnswer_Refused(Provider provider)
    {
        var app = await oidc.AppAsync(provider);
        var email = $"replay-{provider}@example.org";
        await app.CreatePersonAsync(email);
        await LinkDirectlyAsync(app, email, "sub-replay-" + provider);
        using var victim = app.Session();
        var answer = await StartAsync(victim, new ProviderUser("sub-replay-" + provider, email, true));
        Assert.Equal("/accounts/me", (await FinishAsync(victim, answer)).Location);

        // The same answer again, from the same browser and from another one: the correlation cookie is spent.
        await AssertRefusedAsync(victim, await FinishAsync(victim, answer), signedInBefore: true);
        using var attacker = app.Session();
        await AssertRefusedAsync(attacker, await FinishAsync(attacker, answer));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AnswerSentToAnotherProvidersCallback_Refused(Provider provider)
    {
        var app = await oidc.AppAsync(provider);
        using var session = app.Session();
        var answer = await StartAsync(session, new ProviderUser("sub-mixup-" + provider, $"mixup-{provider}@example.org", true));

        var page = await FinishAsync(session, answer, new Uri(AnswerbackApp.BaseAddress, "/signin-oidc-other"));

        await AssertRefusedAsync(session, page);
        Assert.Null(await FindAsync(app, $"mixup-{provider}@example.org"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ReturnUrl_OnThisSiteFollowed_ElsewhereReplacedByTheAccountPage(Provider provider)
    {
        var app = await oidc.AppAsync(provider);
        var email = $"return-{provider}@example.org";
        await app.CreatePersonAsync(email);
        await LinkDirectlyAsync(app, email, "sub-return-" + provider);
        var user = new ProviderUser("sub-return-" + provider, email, true);

        using var local = app.Session();
        var followed = await FinishAsync(local, await StartAsync(local, user, returnUrl: "/residency/verify"));
        using var away = app.Session();
        var replaced = await FinishAsync(away, await StartAsync(away, user, returnUrl: "https://evil.example/phish"));
        using var protocolRelative = app.Session();
        var alsoReplaced = await FinishAsync(protocolRelative, await StartAsync(protocolRelative, user, returnUrl: "//evil.example/phish"));

        Assert.Equal("/residency/verify", followed.Location);
        Assert.Equal("/accounts/me", replaced.Location);
        Assert.Equal("/accounts/me", alsoReplaced.Location);
    }
}
