using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using Answerback.Platform.RateLimits;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
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

    /// <summary>The limit per client address for posts of this kind, e.g. <c>SignIn/address</c>.</summary>
    public RateLimit ByAddress(RateLimitKind kind) => For(kind, "address");

    /// <summary>The limit per account for posts of this kind (the same permits and window), e.g. <c>SignIn/account</c>.</summary>
    public RateLimit ByAccount(RateLimitKind kind) => For(kind, "account");

    private RateLimit For(RateLimitKind kind, string by)
    {
        var (permits, window) = kind switch
        {
            RateLimitKind.SignIn => (SignInPermitsPerMinute, TimeSpan.FromMinutes(1)),
            RateLimitKind.SignUp => (SignUpPermitsPerHour, TimeSpan.FromHours(1)),
            RateLimitKind.PasswordReset => (PasswordResetPermitsPerHour, TimeSpan.FromHours(1)),
            _ => (VerificationPermitsPerHour, TimeSpan.FromHours(1)),
        };
        return new RateLimit(kind + "/" + by, permits, window);
    }
}

/// <summary>
/// A page whose POSTs are limited per account says which account a post is for (the email address
/// typed, the account a reset link names), read after model binding: so the same account is
/// counted however the value arrives (form field, query string, a field name without its prefix).
/// </summary>
public interface IRateLimitedAccount
{
    /// <summary>The account the post is for, as typed; null or blank when none.</summary>
    string? RateLimitAccount { get; }
}

/// <summary>
/// Two limits in front of the sign-in, sign-up, reset and verification forms, either of which
/// refuses a post with 429 and the friendly status page: by client address (IPv6 by its /64, which
/// one machine can rotate through), then by account (the signed-in person, or the normalised address
/// the form names; an empty one is an account too). Both are counted in the database
/// (<see cref="CountAttempt"/>), so they hold across every web node. Identity's lock-out (5 failures,
/// 15 minutes) and the platform's 5 failed verifications an hour per account sit behind these limits.
/// </summary>
public static class RateLimiting
{
    /// <summary>The client's partition: an IPv4 address, or the /64 network of an IPv6 one.</summary>
    public static string ClientPartition(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>The account key: trimmed and upper-cased (as Identity normalises addresses), "(none)" when blank.</summary>
    public static string NormaliseAccount(string? account)
        => string.IsNullOrWhiteSpace(account) ? "(none)" : account.Trim().ToUpperInvariant();

    /// <summary>
    /// Counts the attempt against each (limit, partition) in turn and stops at the first refusal (a
    /// refused address is not also counted against the account). Null when every limit allowed it;
    /// otherwise the limit that refused, after setting <c>Retry-After</c> to the seconds left in its
    /// window and logging it with the client's partition (never the account, which may be an email address).
    /// </summary>
    public static async Task<RateLimit?> RefusedAsync(HttpContext context, params (RateLimit Limit, string Partition)[] limits)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(limits);
        var count = context.RequestServices.GetRequiredService<CountAttempt>();
        foreach (var (limit, partition) in limits)
        {
            var counted = await count.RunAsync(limit, partition, context.RequestAborted);
            if (!counted.Allowed)
            {
                var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                context.Response.Headers.RetryAfter = counted.RetryAfterSeconds(now).ToString(CultureInfo.InvariantCulture);
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Answerback.Web.RateLimiting")
                    .RateLimited(limit.Name, context.Request.Path.Value, ClientPartition(context.Connection.RemoteIpAddress));
                return limit;
            }
        }

        return null;
    }
}

/// <summary>Applies the <see cref="RateLimitingOptions"/> limits to the POST handlers of <see cref="RateLimitedAttribute"/> pages, after model binding.</summary>
public sealed class RateLimitFilter(IOptions<RateLimitingOptions> options) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var limited = context.HandlerInstance.GetType().GetCustomAttributes(typeof(RateLimitedAttribute), inherit: false).OfType<RateLimitedAttribute>().FirstOrDefault();
        if (limited is not null && HttpMethods.IsPost(context.HttpContext.Request.Method))
        {
            var http = context.HttpContext;
            var person = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
            var account = context.HandlerInstance is IRateLimitedAccount typed
                ? "email:" + RateLimiting.NormaliseAccount(typed.RateLimitAccount)
                : person is not null ? "person:" + person : null;
            var address = RateLimiting.ClientPartition(http.Connection.RemoteIpAddress);
            var byAddress = (options.Value.ByAddress(limited.Kind), address);
            (RateLimit, string)[] limits = account is null ? [byAddress] : [byAddress, (options.Value.ByAccount(limited.Kind), account)];
            if (await RateLimiting.RefusedAsync(http, limits) is not null)
            {
                context.Result = new StatusCodeResult(StatusCodes.Status429TooManyRequests);
                return;
            }
        }

        await next();
    }
}
