using Answerback.Platform.RateLimits;

namespace Answerback.Platform.Webmentions;

/// <summary>The <c>Webmentions</c> section: the limits of every fetch of another site's page, and of the endpoint.</summary>
public sealed class WebmentionsOptions
{
    public const string Section = "Webmentions";

    /// <summary>Tests only: let fetches reach loopback addresses (the tests' peers on 127.0.0.1). Private and link-local stay refused.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>The most a fetched page may weigh (default 1 MiB); a larger one is refused unread.</summary>
    public int MaxResponseBytes { get; set; } = 1024 * 1024;

    /// <summary>How long one fetch may take, redirects included (default 10 s).</summary>
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many redirects a fetch follows (default 5); a loop is refused at once.</summary>
    public int MaxRedirects { get; set; } = 5;

    /// <summary>Notifications accepted per minute from one client address (IPv6: its /64).</summary>
    public int PerAddressPerMinute { get; set; } = 120;

    /// <summary>Notifications accepted per minute naming sources on one host.</summary>
    public int PerSourceHostPerMinute { get; set; } = 60;

    /// <summary><see cref="PerAddressPerMinute"/> as the limit the endpoint counts in the database (every node shares it).</summary>
    public RateLimit ByAddress => new("Webmention/address", PerAddressPerMinute, TimeSpan.FromMinutes(1));

    /// <summary><see cref="PerSourceHostPerMinute"/> as the limit the endpoint counts in the database (every node shares it).</summary>
    public RateLimit BySourceHost => new("Webmention/source-host", PerSourceHostPerMinute, TimeSpan.FromMinutes(1));

    /// <summary>The site's public address, taken from <c>Site:PublicUrl</c> (targets must be on its host; sources we send are built from it).</summary>
    public string? PublicUrl { get; set; }

    /// <summary>An absolute address on the site for a path that starts with '/'.</summary>
    public string Absolute(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return (PublicUrl ?? throw new InvalidOperationException("Site:PublicUrl is not set.")).TrimEnd('/') + path;
    }

    /// <summary>How often a Webmention this site sends is tried before it is given up (default 6: at once, then after 1 min, 5 min, 30 min, 2 h, 12 h).</summary>
    public int SendAttempts { get; set; } = 6;
}
