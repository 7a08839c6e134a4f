using Answerback.Platform.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Answerback.Web.Infrastructure;

/// <summary>
/// Sessions: Identity's cookies, checked against the account's security stamp on every request (so
/// signing out, "sign out everywhere", a password reset or an administrator's takeover of a
/// pre-registered account ends every copy of the cookie at once), an idle timeout and an absolute
/// lifetime. On an https site the cookies are <c>__Host-</c> prefixed and always <c>Secure</c>.
/// </summary>
public static class Sessions
{
    /// <summary>The ticket item holding when the person signed in (round-trip format, UTC).</summary>
    private const string SignedInItem = "answerback.signed-in";

    public static IServiceCollection AddSessions(this IServiceCollection services)
    {
        foreach (var scheme in new[] { IdentityConstants.ApplicationScheme, IdentityConstants.TwoFactorUserIdScheme, IdentityConstants.TwoFactorRememberMeScheme, IdentityConstants.ExternalScheme })
        {
            services.AddOptions<CookieAuthenticationOptions>(scheme).Configure<IOptions<SiteOptions>>((options, site) =>
            {
                var name = scheme == IdentityConstants.ApplicationScheme ? "answerback.session" : "answerback." + scheme.Replace("Identity.", "", StringComparison.Ordinal).ToLowerInvariant();
                options.Cookie.Name = site.Value.IsHttps ? "__Host-" + name : name;
                options.Cookie.SecurePolicy = site.Value.IsHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                options.Cookie.Path = "/";
                options.Cookie.HttpOnly = true;
            });
        }

        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).Configure<IOptions<SiteOptions>>((options, site) =>
        {
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = "/accounts/sign-in";
            options.LogoutPath = "/accounts/sign-out";
            options.AccessDeniedPath = "/accounts/sign-in";
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = site.Value.SessionIdleTimeout;
            // A refusal is a 403 with the friendly status page, not a redirect: the person is signed
            // in and signing in again would not help.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
            options.Events.OnSigningIn = context =>
            {
                // Kept in the ticket across sliding renewals, unlike IssuedUtc.
                var now = context.Options.TimeProvider?.GetUtcNow() ?? context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                context.Properties.Items.TryAdd(SignedInItem, now.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                return Task.CompletedTask;
            };
            options.Events.OnValidatePrincipal = async context =>
            {
                var now = context.Options.TimeProvider?.GetUtcNow() ?? context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                var lifetime = context.HttpContext.RequestServices.GetRequiredService<IOptions<SiteOptions>>().Value.SessionAbsoluteLifetime;
                if (!context.Properties.Items.TryGetValue(SignedInItem, out var signedIn)
                    || !DateTimeOffset.TryParse(signedIn, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var at)
                    || now - at > lifetime)
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }

                // The security stamp, on every request (Identity's own validator skips requests within
                // its interval, even a zero one when no time has passed): a changed stamp ends the session.
                // The same comparison as SignInManager.ValidateSecurityStampAsync, over the few columns that
                // AccountFactsReader reads once for the request (the vote's eligibility check reuses them),
                // not a tracked load of the whole account.
                var claims = context.HttpContext.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
                var stamp = context.Principal?.FindFirst(claims.SecurityStampClaimType)?.Value;
                var account = Guid.TryParse(context.Principal?.FindFirst(claims.UserIdClaimType)?.Value, out var personId)
                    ? await context.HttpContext.RequestServices.GetRequiredService<AccountFactsReader>().FindAsync(personId, context.HttpContext.RequestAborted)
                    : null;
                if (account?.SecurityStamp is not { } current || !string.Equals(current, stamp, StringComparison.Ordinal))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                }
            };
        });

        services.AddAntiforgery(_ => { });
        services.AddOptions<AntiforgeryOptions>().Configure<IOptions<SiteOptions>>((options, site) =>
        {
            options.Cookie.Name = site.Value.IsHttps ? "__Host-answerback.af" : "answerback.af";
            options.Cookie.SecurePolicy = site.Value.IsHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            options.Cookie.Path = "/";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        return services;
    }

    /// <summary>Ends every session of the person: their cookies no longer match the new security stamp.</summary>
    public static async Task EndAllAsync(UserManager<Person> users, Guid personId)
    {
        ArgumentNullException.ThrowIfNull(users);
        if (await users.FindByIdAsync(personId.ToString()) is { } person)
        {
            await users.UpdateSecurityStampAsync(person);
        }
    }
}
