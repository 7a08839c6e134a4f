using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace Answerback.Platform.Webmentions;

/// <summary>What a fetch of another site's URL found: the final address, the status, the headers that matter and the body (text), or why it failed.</summary>
public sealed record FetchedPage(Uri Url, HttpStatusCode Status, string? MediaType, IReadOnlyList<string> LinkHeaders, string Body, string? Location)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    public bool IsHtml => MediaType is "text/html" or "application/xhtml+xml";
}

/// <summary>A fetch that could not complete: refused address, timeout, too large, too many redirects. The message is for the sender of a mention.</summary>
public sealed class FetchRefusedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The one client that fetches other people's URLs (verifying mentions, discovering endpoints,
/// sending). Every connection goes through <see cref="PublicAddresses.Handler"/> (the address is
/// checked after resolving the name); redirects are followed here, one by one, so each hop is
/// checked again, loops are caught and the count is limited; the whole fetch has one deadline and
/// the body is read up to the size limit and no further.
/// </summary>
public sealed class WebmentionFetcher : IDisposable
{
    private readonly HttpClient client;
    private readonly WebmentionsOptions options;

    public WebmentionFetcher(IOptions<WebmentionsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        // No automatic redirects: FetchAsync follows them itself. Timeout per fetch, below.
        client = new HttpClient(PublicAddresses.Handler(this.options.AllowLoopback, maxRedirects: 0)) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Answerback-Webmention", "1.0"));
        if (this.options.PublicUrl is { } site)
        {
            client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("(+" + site.TrimEnd('/') + ")"));
        }
    }

    /// <summary>GETs <paramref name="url"/>, following redirects within the limits.</summary>
    public async Task<FetchedPage> GetAsync(Uri url, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(url);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(options.FetchTimeout);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var current = url;
        try
        {
            for (var hop = 0; ; hop++)
            {
                CheckScheme(current);
                if (!visited.Add(current.AbsoluteUri))
                {
                    throw new FetchRefusedException($"The redirects from {url} loop back to {current}.");
                }

                using var request = new HttpRequestMessage(HttpMethod.Get, current);
                request.Headers.Accept.ParseAdd("text/html, application/xhtml+xml;q=0.9, */*;q=0.1");
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
                if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    if (hop >= options.MaxRedirects)
                    {
                        throw new FetchRefusedException($"{url} redirects more than {options.MaxRedirects} times.");
                    }

                    current = location.IsAbsoluteUri ? location : new Uri(current, location);
                    continue;
                }

                return await ReadAsync(current, response, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new FetchRefusedException($"{url} did not answer within {options.FetchTimeout.TotalSeconds:0} seconds.");
        }
        catch (HttpRequestException ex)
        {
            throw new FetchRefusedException(Describe(url, ex), ex);
        }
    }

    /// <summary>POSTs a form to <paramref name="url"/> (no redirects followed: a receiver answers where it is asked).</summary>
    public async Task<FetchedPage> PostFormAsync(Uri url, IReadOnlyDictionary<string, string> form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(url);
        CheckScheme(url);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(options.FetchTimeout);
        try
        {
            using var content = new FormUrlEncodedContent(form);
            using var response = await client.PostAsync(url, content, deadline.Token);
            return await ReadAsync(url, response, deadline.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new FetchRefusedException($"{url} did not answer within {options.FetchTimeout.TotalSeconds:0} seconds.");
        }
        catch (HttpRequestException ex)
        {
            throw new FetchRefusedException(Describe(url, ex), ex);
        }
    }

    private static void CheckScheme(Uri url)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new FetchRefusedException($"{url} is not an http or https address.");
        }
    }

    // The refusal of PublicAddresses is the innermost message; other failures are named plainly.
    private static string Describe(Uri url, HttpRequestException ex)
    {
        // The handler wraps the callback's exception and appends "(host:port)"; the innermost is the callback's own words.
        string? refused = null;
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { Message: var m } && m.StartsWith("Refused:", StringComparison.Ordinal))
            {
                refused = m;
            }
        }

        return refused ?? $"{url} could not be fetched ({ex.HttpRequestError}).";
    }

    private async Task<FetchedPage> ReadAsync(Uri url, HttpResponseMessage response, CancellationToken ct)
    {
        var max = options.MaxResponseBytes;
        if (response.Content.Headers.ContentLength > max)
        {
            throw new FetchRefusedException($"{url} is larger than {max:N0} bytes.");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max)
            {
                throw new FetchRefusedException($"{url} is larger than {max:N0} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        var charset = response.Content.Headers.ContentType?.CharSet;
        Encoding encoding;
        try
        {
            encoding = string.IsNullOrWhiteSpace(charset) ? Encoding.UTF8 : Encoding.GetEncoding(charset.Trim('"'));
        }
        catch (ArgumentException)
        {
            encoding = Encoding.UTF8;
        }

        var links = response.Headers.TryGetValues("Link", out var values) ? values.ToList() : [];
        var location = response.Headers.Location is { } l ? (l.IsAbsoluteUri ? l : new Uri(url, l)).AbsoluteUri : null;
        return new FetchedPage(url, response.StatusCode, response.Content.Headers.ContentType?.MediaType?.ToLowerInvariant(), links, encoding.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), location);
    }

    public void Dispose() => client.Dispose();
}
