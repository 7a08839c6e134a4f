namespace Answerback.Web.Infrastructure;

/// <summary>
/// Security headers on every response. The content security policy allows no inline script or style
/// at all: every page works without JavaScript and the stylesheet is a file.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, Pages.Accounts.ExternalProviders providers)
{
    // form-action also lists the OpenID Connect providers' origins: a sign-in button posts here and
    // is redirected there, and browsers apply form-action to that redirect.
    private readonly string contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
        "form-action 'self'" + providers.FormActionSources + "; frame-ancestors 'none'; base-uri 'self'";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = contentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
