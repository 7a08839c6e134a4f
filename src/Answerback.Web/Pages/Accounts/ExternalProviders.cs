using System.Text.RegularExpressions;
using Answerback.Platform.Accounts;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Answerback.Web.Pages.Accounts;

/// <summary>One OpenID Connect provider from <c>Authentication:OpenIdConnect:Providers:&lt;name&gt;</c>.</summary>
/// <param name="Name">The configuration name (letters, digits, hyphens).</param>
/// <param name="Scheme">The authentication scheme, <c>oidc-&lt;name&gt;</c>; also the login provider stored in AspNetUserLogins.</param>
/// <param name="DisplayName">The button's text: "Sign in with …".</param>
/// <param name="Authority">The issuer; its origin is added to the page's <c>form-action</c>.</param>
public sealed record ExternalProvider(string Name, string Scheme, string DisplayName, Uri Authority)
{
    /// <summary>Each provider has its own callback path (one redirect URI per provider defends against mix-up attacks).</summary>
    public string CallbackPath => "/signin-oidc-" + Name;
}

/// <summary>The configured providers, in configuration order.</summary>
public sealed class ExternalProviders(IReadOnlyList<ExternalProvider> all)
{
    public IReadOnlyList<ExternalProvider> All { get; } = all;

    public ExternalProvider? Find(string? scheme) => All.FirstOrDefault(p => string.Equals(p.Scheme, scheme, StringComparison.Ordinal));

    /// <summary>The origins a sign-in form may be redirected to (the content security policy's <c>form-action</c>).</summary>
    public string FormActionSources => string.Concat(All.Select(p => " " + p.Authority.GetLeftPart(UriPartial.Authority)).Distinct(StringComparer.Ordinal));
}

/// <summary>
/// Sign in with existing accounts: one ASP.NET OpenID Connect handler per configured provider,
/// authorization code flow with PKCE, signing in to Identity's external cookie; the pages in this
/// folder then sign in, create or link the Answerback person (<c>External</c>, <c>LinkExternal</c>).
/// </summary>
public static partial class ExternalSignIn
{
    public const string Section = "Authentication:OpenIdConnect:Providers";

    /// <summary>Query parameter set on the sign-in page when a provider's answer was refused.</summary>
    public const string FailedQuery = "external-failed";

    public static IServiceCollection AddExternalSignIn(this IServiceCollection services, IConfiguration configuration, AuthenticationBuilder authentication)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(authentication);
        var providers = new List<ExternalProvider>();
        foreach (var section in configuration.GetSection(Section).GetChildren())
        {
            var provider = Read(section);
            providers.Add(provider);
            authentication.AddOpenIdConnect(provider.Scheme, provider.DisplayName, options => Configure(options, provider, section));
            services.AddOptions<OpenIdConnectOptions>(provider.Scheme).Configure<IOptions<SiteOptions>>((options, site) => ConfigureCookies(options, site.Value));
        }

        services.AddSingleton(new ExternalProviders(providers));
        return services;
    }

    /// <summary>
    /// What the provider said: its subject identifier is the key; the email counts as verified only
    /// when the provider's <c>email_verified</c> claim is true (a boolean, or the string "true").
    /// </summary>
    public static ExternalAccount Account(ExternalLoginInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var verified = bool.TryParse(info.Principal.FindFirst("email_verified")?.Value, out var v) && v;
        return new ExternalAccount(new UserLoginInfo(info.LoginProvider, info.ProviderKey, info.ProviderDisplayName),
            info.Principal.FindFirst("email")?.Value, verified, info.Principal.FindFirst("name")?.Value);
    }

    private static ExternalProvider Read(IConfigurationSection section)
    {
        var key = Section + ":" + section.Key;
        if (!NamePattern().IsMatch(section.Key))
        {
            throw new InvalidOperationException($"{key}: the provider's name must be 1 to 32 lower-case letters, digits or hyphens (it becomes the callback path /signin-oidc-<name>).");
        }

        if (!Uri.TryCreate(section["Authority"], UriKind.Absolute, out var authority)
            || !(authority.Scheme == Uri.UriSchemeHttps || (authority.Scheme == Uri.UriSchemeHttp && authority.IsLoopback)))
        {
            throw new InvalidOperationException($"{key}:Authority must be the provider's https issuer address, like https://accounts.example.org (http only on a loopback address, for tests).");
        }

        foreach (var required in new[] { "ClientId", "ClientSecret" })
        {
            if (string.IsNullOrWhiteSpace(section[required]))
            {
                throw new InvalidOperationException($"{key}:{required} is required (the provider gives it when the site is registered there).");
            }
        }

        var displayName = string.IsNullOrWhiteSpace(section["DisplayName"]) ? section.Key : section["DisplayName"]!.Trim();
        return new ExternalProvider(section.Key, "oidc-" + section.Key, displayName, authority);
    }

    private static void Configure(OpenIdConnectOptions options, ExternalProvider provider, IConfigurationSection section)
    {
        options.SignInScheme = IdentityConstants.ExternalScheme;
        options.Authority = provider.Authority.ToString();
        options.RequireHttpsMetadata = provider.Authority.Scheme == Uri.UriSchemeHttps;
        options.ClientId = section["ClientId"];
        options.ClientSecret = section["ClientSecret"];
        options.CallbackPath = provider.CallbackPath;
        // The authorization code flow with PKCE (S256): a code seen in transit is useless without the verifier.
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.UsePkce = true;
        options.Scope.Clear();
        options.Scope.Add("openid");
        options.Scope.Add("profile");
        options.Scope.Add("email");
        // Claims keep their OpenID names (sub, email, email_verified); the subject is the login key.
        options.MapInboundClaims = false;
        options.GetClaimsFromUserInfoEndpoint = true;
        options.ClaimActions.MapUniqueJsonKey("email_verified", "email_verified");
        // No provider tokens are kept: Answerback only needs to know who signed in.
        options.SaveTokens = false;
        options.Events.OnRemoteFailure = context =>
        {
            context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Answerback.Web.ExternalSignIn")
                .ExternalSignInRefused(provider.Name, context.Failure?.Message ?? "no reason given");
            context.Response.Redirect("/accounts/sign-in?" + FailedQuery + "=true");
            context.HandleResponse();
            return Task.CompletedTask;
        };
    }

    private static void ConfigureCookies(OpenIdConnectOptions options, SiteOptions site)
    {
        // On an https site the answer comes back as a cross-site POST (form_post): the correlation and
        // nonce cookies must be SameSite=None, hence Secure, and are __Host- prefixed like the others.
        // A plain-http site (Development, loopback tests) cannot have SameSite=None cookies, so the
        // answer comes in the query string of a top-level redirect instead, which Lax cookies survive.
        foreach (var cookie in new[] { options.CorrelationCookie, options.NonceCookie })
        {
            cookie.Path = "/";
            cookie.HttpOnly = true;
            cookie.SecurePolicy = site.IsHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            cookie.SameSite = site.IsHttps ? SameSiteMode.None : SameSiteMode.Lax;
        }

        options.CorrelationCookie.Name = (site.IsHttps ? "__Host-" : "") + "answerback.correlation.";
        options.NonceCookie.Name = (site.IsHttps ? "__Host-" : "") + "answerback.nonce.";
        options.ResponseMode = site.IsHttps ? OpenIdConnectResponseMode.FormPost : OpenIdConnectResponseMode.Query;
    }

    [GeneratedRegex("^[a-z0-9-]{1,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
