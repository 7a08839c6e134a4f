using System.Globalization;
using System.Text;
using Answerback.Platform.Webmentions;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Answerback.Web.Pages.Webmentions;

/// <summary>
/// The Webmention endpoint (W3C Recommendation): <c>POST /webmention</c> with form-encoded
/// <c>source</c> and <c>target</c> answers 202 with the mention's status URL in <c>Location</c>;
/// every HTML page advertises it in a <c>Link</c> header (and the layout's <c>&lt;link&gt;</c>); the
/// status is <c>/webmentions/{id}</c> (a page) and <c>/api/webmentions/{id}</c> (JSON).
/// </summary>
public static class WebmentionEndpoint
{
    public const string Path = "/webmention";

    /// <summary>The largest notification body read (two 2,048-character addresses percent-encoded fit).</summary>
    public const int MaxBodyBytes = 16 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The endpoint's public address, from <c>Site:PublicUrl</c> (never the request's Host).</summary>
    public static string Url(SiteOptions site) => PublicBase(site) + Path;

    public static string StatusUrl(SiteOptions site, Guid id) => PublicBase(site) + "/webmentions/" + id.ToString("D");

    private static string PublicBase(SiteOptions site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return (site.BaseUri ?? throw new InvalidOperationException("Site:PublicUrl is not set.")).AbsoluteUri.TrimEnd('/');
    }

    /// <summary>Adds <c>Link: &lt;…/webmention&gt;; rel="webmention"</c> to every HTML response.</summary>
    public static IApplicationBuilder UseWebmentionDiscovery(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var link = "<" + Url(app.ApplicationServices.GetRequiredService<IOptions<SiteOptions>>().Value) + ">; rel=\"webmention\"";
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
                {
                    context.Response.Headers.Append("Link", link);
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    public static IEndpointRouteBuilder MapWebmentions(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, ReceiveAsync).AllowAnonymous().DisableAntiforgery()
            .WithTags("Webmentions").WithName("ReceiveWebmention")
            .WithSummary("Receive a Webmention: source and target form-encoded (application/x-www-form-urlencoded); 202 with the status URL in Location, verified in the background.")
            .Produces<string>(StatusCodes.Status202Accepted, "text/plain")
            .Produces<string>(StatusCodes.Status400BadRequest, "text/plain")
            .Produces<string>(StatusCodes.Status429TooManyRequests, "text/plain");
        var api = endpoints.MapApiGroup("/api/webmentions", "Webmentions");
        api.MapGet("/{id:guid}", async Task<IResult> (Guid id, WebmentionQueries queries, CancellationToken ct) =>
                await queries.StatusAsync(id, ct) is { } status
                    ? TypedResults.Ok(status)
                    : TypedResults.Problem(title: "No Webmention has this id.", statusCode: StatusCodes.Status404NotFound))
            .WithName("GetWebmentionStatus")
            .WithSummary("A received Webmention's status: pending, verified, refused (with the reason) or removed.")
            .Produces<WebmentionStatus>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(HttpContext context, ReceiveWebmention receive, IOptions<WebmentionsOptions> limits, IOptions<SiteOptions> site, CancellationToken ct)
    {
        var request = context.Request;
        if (request.ContentType is not { } type || !type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return Problem("Send source and target form-encoded (Content-Type: application/x-www-form-urlencoded).");
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return Problem($"The request body is larger than {MaxBodyBytes:N0} bytes.");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return Problem($"The request body is larger than {MaxBodyBytes:N0} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        string body;
        try
        {
            body = StrictUtf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            return Problem("The request body is not UTF-8.");
        }

        var form = QueryHelpers.ParseQuery(body.Length == 0 ? "" : "?" + body);
        foreach (var name in new[] { "source", "target" })
        {
            if (form.TryGetValue(name, out var values) && values.Count > 1)
            {
                return Problem($"Send one {name}, not {values.Count.ToString(CultureInfo.InvariantCulture)}.");
            }
        }

        var source = form.TryGetValue("source", out var s) ? s.ToString() : null;
        var target = form.TryGetValue("target", out var t) ? t.ToString() : null;
        var sourceHost = Uri.TryCreate(source?.Trim(), UriKind.Absolute, out var sourceUrl) ? sourceUrl.Host.ToLowerInvariant() : "";
        // Counted in the database before the use case (two upserts), so one the use case refuses still counts.
        if (await RateLimiting.RefusedAsync(context, (limits.Value.ByAddress, RateLimiting.ClientPartition(context.Connection.RemoteIpAddress)), (limits.Value.BySourceHost, sourceHost)) is not null)
        {
            return Results.Text("Too many Webmentions from this address or for this source host: try again in a minute.\n", "text/plain", Encoding.UTF8, StatusCodes.Status429TooManyRequests);
        }

        var result = await receive.RunAsync(source, target, ct);
        if (!result.Succeeded)
        {
            return Problem(string.Join("\n", result.Errors.Select(e => e.Field + ": " + e.Message)));
        }

        var status = StatusUrl(site.Value, result.Value!.Id);
        context.Response.Headers.Location = status;
        return Results.Text($"Accepted: the source will be checked in the background. Status: {status}\n", "text/plain", Encoding.UTF8, StatusCodes.Status202Accepted);
    }

    private static IResult Problem(string message) => Results.Text(message + "\n", "text/plain", Encoding.UTF8, StatusCodes.Status400BadRequest);
}
