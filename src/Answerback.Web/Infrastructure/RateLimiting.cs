using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Threading.RateLimiting;
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

    internal (int Permits, TimeSpan Window) For(RateLimitKind kind) => kind switch
    {
        RateLimitKind.SignIn => (SignInPermitsPerMinute, TimeSpan.FromMinutes(1)),
        RateLimitKind.SignUp => (SignUpPermitsPerHour, TimeSpan.FromHours(1)),
        RateLimitKind.PasswordReset => (PasswordResetPermitsPerHour, TimeSpan.FromHours(1)),
        _ => (VerificationPermitsPerHour, TimeSpan.FromHours(1)),
    };
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
/// refuses a post with 429 and the friendly status page: ASP.NET Core's rate limiter by client
/// address (IPv6 by its /64, which one machine can rotate through), and a page filter by account
/// (the signed-in person, or the normalised address the form names; an empty one is an account
/// too). Identity's lock-out (5 failures, 15 minutes) and the platform's 5 failed verifications an
/// hour per account sit behind these limits.
/// </summary>
public static class RateLimiting
{
    public static IServiceCollection AddWebRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Answerback.Web.RateLimiting");
                logger.RateLimited(context.HttpContext.Request.Path.Value, ClientPartition(context.HttpContext.Connection.RemoteIpAddress));
                return ValueTask.CompletedTask;
            };
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, "address", ClientPartition(context.Connection.RemoteIpAddress)));
        });
        services.AddSingleton<AccountRateLimiter>();
        return services;
    }

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

    private static RateLimitPartition<string> Partition(HttpContext context, string by, string key)
    {
        var limited = context.GetEndpoint()?.Metadata.GetMetadata<RateLimitedAttribute>();
        if (limited is null || !HttpMethods.IsPost(context.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("none");
        }

        var (permits, window) = context.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value.For(limited.Kind);
        return FixedWindow(string.Create(CultureInfo.InvariantCulture, $"{limited.Kind}|{by}|{key}"), permits, window);
    }

    internal static RateLimitPartition<string> FixedWindow(string key, int permits, TimeSpan window)
        => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
}

/// <summary>The per-account limiter, one window per kind of form and account.</summary>
public sealed class AccountRateLimiter(IOptions<RateLimitingOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<(RateLimitKind Kind, string Account)> limiter = PartitionedRateLimiter.Create<(RateLimitKind Kind, string Account), string>(key =>
    {
        var (permits, window) = options.Value.For(key.Kind);
        return RateLimiting.FixedWindow(string.Create(CultureInfo.InvariantCulture, $"{key.Kind}|account|{key.Account}"), permits, window);
    });

    public bool TryAcquire(RateLimitKind kind, string account)
    {
        using var lease = limiter.AttemptAcquire((kind, account));
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}

/// <summary>Applies <see cref="AccountRateLimiter"/> to the POST handlers of <see cref="RateLimitedAttribute"/> pages, after model binding.</summary>
public sealed class AccountRateLimitFilter(AccountRateLimiter limiter, ILogger<AccountRateLimitFilter> logger) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var limited = context.HandlerInstance.GetType().GetCustomAttributes(typeof(RateLimitedAttribute), inherit: false).OfType<RateLimitedAttribute>().FirstOrDefault();
        if (limited is not null && HttpMethods.IsPost(context.HttpContext.Request.Method))
        {
            var person = context.HttpContext.User.FindFirstValue(ClaimTypes.NameIdentifier);
            var account = context.HandlerInstance is IRateLimitedAccount typed
                ? "email:" + RateLimiting.NormaliseAccount(typed.RateLimitAccount)
                : person is not null ? "person:" + person : null;
            if (account is not null && !limiter.TryAcquire(limited.Kind, account))
            {
                logger.RateLimited(context.HttpContext.Request.Path.Value, "one account");
                context.Result = new StatusCodeResult(StatusCodes.Status429TooManyRequests);
                return;
            }
        }

        await next();
    }
}
