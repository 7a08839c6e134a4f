using Answerback.Platform.Data;
using Answerback.Platform.Demo;
using Answerback.Platform.Residency;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;

namespace Answerback.Web.Infrastructure;

/// <summary>
/// The <c>Site</c> section. <see cref="PublicUrl"/> is the address people use (e.g.
/// <c>https://answerback.example.org</c>): every link in an email is built from it, never from the
/// request's <c>Host</c> header (which anyone can set), and only its host is accepted.
/// </summary>
public sealed class SiteOptions
{
    public const string Section = "Site";

    /// <summary>Absolute http(s) address of the site, without query or fragment. Required (Development has one in appsettings.Development.json).</summary>
    public string? PublicUrl { get; set; }

    /// <summary>How long a session lasts without use (default 8 hours).</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How long a session lasts at most, however much it is used (default 7 days).</summary>
    public TimeSpan SessionAbsoluteLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The parsed <see cref="PublicUrl"/>, or null when it is missing or not valid.</summary>
    public Uri? BaseUri => Uri.TryCreate(PublicUrl, UriKind.Absolute, out var uri)
                           && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
                           && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment)
        ? uri
        : null;

    /// <summary>True when the site is served over HTTPS: then cookies are <c>__Host-</c> and <c>Secure</c>, and HTTP is redirected.</summary>
    public bool IsHttps => BaseUri?.Scheme == Uri.UriSchemeHttps;
}

/// <summary>Links to the site's pages from <see cref="SiteOptions.PublicUrl"/>, with or without a request.</summary>
public sealed class PublicLinks(LinkGenerator links, IOptions<SiteOptions> site)
{
    public string Page(string page, object? values)
    {
        var uri = site.Value.BaseUri ?? throw new InvalidOperationException("Site:PublicUrl is not set.");
        var host = uri.IsDefaultPort ? new HostString(uri.Host) : new HostString(uri.Host, uri.Port);
        return links.GetUriByPage(page, handler: null, values, uri.Scheme, host, new PathString(uri.AbsolutePath.TrimEnd('/')))
               ?? throw new InvalidOperationException("No route to " + page);
    }
}

/// <summary>The site's options, and the checks that keep an install from starting in an unsafe state.</summary>
public static class SiteSetup
{
    public static IServiceCollection AddSite(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SiteOptions>().Bind(configuration.GetSection(SiteOptions.Section))
            .Validate(o => o.BaseUri is not null, "Site:PublicUrl must be the site's absolute http(s) address, like https://answerback.example.org (links in emails are built from it).")
            .Validate<IHostEnvironment>((o, env) => env.IsDevelopment() || o.IsHttps || o.BaseUri is { IsLoopback: true },
                "Site:PublicUrl must be an https address outside Development.")
            .Validate(o => o.SessionIdleTimeout > TimeSpan.Zero && o.SessionAbsoluteLifetime >= o.SessionIdleTimeout,
                "Site:SessionIdleTimeout must be positive and no longer than Site:SessionAbsoluteLifetime.")
            .ValidateOnStart();

        // Outside Development, secrets must come from configuration: the residency hash key (never a
        // generated file) and the certificate that encrypts the data-protection key ring.
        services.AddOptions<ResidencyOptions>()
            .Validate<IHostEnvironment>((o, env) => env.IsDevelopment() || !o.GenerateKeyFile,
                "Residency:GenerateKeyFile is for Development only: set Residency:HashKey or Residency:HashKeyFile.");
        services.AddOptions<KeyRingOptions>()
            .Validate<IHostEnvironment>((o, env) => env.IsDevelopment() || !string.IsNullOrWhiteSpace(o.CertificatePath),
                "DataProtection:CertificatePath (a .pfx certificate) is required outside Development: it encrypts the keys that sign cookies and account links.");
        services.AddOptions<DemoOptions>()
            .Validate<IHostEnvironment>((o, env) => env.IsDevelopment() || !o.Enabled || o.AllowPublicOutbox,
                "Demo:Enabled outside Development makes every email readable in the public outbox: set Demo:AllowPublicOutbox=true as well if that is intended.")
            .ValidateOnStart();

        // Only the public host is accepted (AllowedHosts "*" would let any Host header through).
        services.AddOptions<HostFilteringOptions>().PostConfigure<IOptions<SiteOptions>>((filtering, site) =>
        {
            if (site.Value.BaseUri is { } uri && (filtering.AllowedHosts.Count == 0 || filtering.AllowedHosts.Contains("*")))
            {
                filtering.AllowedHosts = [uri.Host];
            }
        });
        services.AddOptions<HttpsRedirectionOptions>().Configure<IOptions<SiteOptions>>((redirection, site) =>
        {
            if (site.Value.BaseUri is { Scheme: "https" } uri)
            {
                redirection.HttpsPort = uri.Port;
            }
        });
        services.AddSingleton<PublicLinks>();
        return services;
    }
}
