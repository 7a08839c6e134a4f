using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Answerback.Web.Infrastructure;

/// <summary>The form posts that are rate limited (GETs of the same pages never are).</summary>
public enum RateLimitKind
{
    SignIn,
    SignUp,
    PasswordReset,
    Verification,
}

/// <summary>Marks a page whose POSTs are rate limited, by client address and by account.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RateLimitedAttribute(RateLimitKind kind) : Attribute
{
    public RateLimitKind Kind { get; } = kind;
}

/// <summary>The <c>RateLimiting</c> section: permits per window for each kind of form.</summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    public int SignInPermitsPerMinute { get; set; } = 10;

    public int SignUpPermitsPerHour { get; set; } = 20;

    public int PasswordResetPermitsPerHour { get; set; } = 10;

    public int VerificationPermitsPerHour { get; set; } = 20;

    internal (int Permits, TimeSpan Window) For(RateLimitKind kind) => kind switch
    {
        RateLimitKind.SignIn => (SignInPermitsPerMinute, TimeSpan.FromMinutes(1)),
        RateLimitKind.SignUp => (SignUpPermitsPerHour, TimeSpan.FromHours(1)),
        RateLimitKind.PasswordReset => (PasswordResetPermitsPerHour, TimeSpan.FromHours(1)),
        _ => (VerificationPermitsPerHour, TimeSpan.FromHours(1)),
    };
}

/// <summary>
/// ASP.NET Core's rate limiter, as one global limiter chained from two partitioned limiters: one by
/// client address, one by account (the signed-in person, or the email address typed into a sign-in,
/// sign-up or reset form). Either running out refuses the request with 429 and the friendly status
/// page. Identity's lock-out (5 failures, 15 minutes) and the platform's 5 failed verifications an
/// hour per account sit behind these limits.
/// </summary>
public static class RateLimiting
{
    private const string AccountItem = "answerback.rate-limit-account";

    public static IServiceCollection AddWebRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Answerback.Web.RateLimiting");
                logger.RateLimited(context.HttpContext.Request.Path.Value, ClientAddress(context.HttpContext));
                return ValueTask.CompletedTask;
            };
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, "address", ClientAddress(context))),
                PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, "account", Account(context))));
        });
        return services;
    }

    /// <summary>
    /// Reads the posted form of a rate-limited page before the limiter runs, so the limiter (which is
    /// synchronous) can partition by the account typed into the form.
    /// </summary>
    public static IApplicationBuilder UseRateLimitAccounts(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (HttpMethods.IsPost(context.Request.Method)
            && context.GetEndpoint()?.Metadata.GetMetadata<RateLimitedAttribute>() is not null
            && context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var email = form["Input.Email"].ToString();
            if (!string.IsNullOrWhiteSpace(email))
            {
                context.Items[AccountItem] = "email:" + email.Trim().ToUpperInvariant();
            }
        }

        await next(context);
    });

    private static RateLimitPartition<string> Partition(HttpContext context, string by, string? key)
    {
        var limited = context.GetEndpoint()?.Metadata.GetMetadata<RateLimitedAttribute>();
        if (limited is null || !HttpMethods.IsPost(context.Request.Method) || key is null)
        {
            return RateLimitPartition.GetNoLimiter("none");
        }

        var (permits, window) = context.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value.For(limited.Kind);
        var partitionKey = string.Create(CultureInfo.InvariantCulture, $"{limited.Kind}|{by}|{key}");
        return RateLimitPartition.GetFixedWindowLimiter(partitionKey, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static string ClientAddress(HttpContext context) =>
        context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static string? Account(HttpContext context)
    {
        var id = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is not null)
        {
            return "person:" + id;
        }

        return context.Items.TryGetValue(AccountItem, out var email) ? email as string : null;
    }
}
