using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Answerback.Platform.Webmentions;

/// <summary>What the pages show of a mention's source: its title and author, from microformats2 h-entry where present.</summary>
public sealed record SourceDetails(string? Title, string? AuthorName, string? AuthorUrl);

/// <summary>
/// Reads another site's page, parsed as a browser would (AngleSharp's HTML5 parser): does it link to
/// a URL, what does its h-entry say (the few microformats2 properties the pages show: <c>p-name</c>,
/// <c>p-author</c> with its h-card's <c>p-name</c> and <c>u-url</c>), and which Webmention endpoint
/// does it advertise.
/// </summary>
public static partial class SourcePage
{
    private static readonly HtmlParser Parser = new();

    // The elements whose address attribute counts as a link to the target (the Recommendation's examples).
    private static readonly (string Selector, string Attribute)[] LinkAttributes =
        [("a[href]", "href"), ("link[href]", "href"), ("area[href]", "href"), ("img[src]", "src"), ("video[src]", "src"),
         ("audio[src]", "src"), ("source[src]", "src"), ("iframe[src]", "src"), ("blockquote[cite]", "cite"), ("q[cite]", "cite")];

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html ?? "");

    /// <summary>Whether the page links to <paramref name="target"/> (relative links resolved against the page's address or its base element; the fragment ignored).</summary>
    public static bool LinksTo(IHtmlDocument document, Uri pageUrl, Uri target)
    {
        ArgumentNullException.ThrowIfNull(document);
        var baseUrl = BaseOf(document, pageUrl);
        var wanted = Comparable(target);
        foreach (var (selector, attribute) in LinkAttributes)
        {
            foreach (var element in document.QuerySelectorAll(selector))
            {
                if (Resolve(baseUrl, element.GetAttribute(attribute)) is { } url && Comparable(url) == wanted)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The title and author the page's first h-entry gives; the document's title when there is no h-entry name.</summary>
    public static SourceDetails Details(IHtmlDocument document, Uri pageUrl)
    {
        ArgumentNullException.ThrowIfNull(document);
        var baseUrl = BaseOf(document, pageUrl);
        var entry = document.QuerySelector(".h-entry");
        string? title = null, authorName = null, authorUrl = null;
        if (entry is not null)
        {
            title = Text(OwnProperty(entry, "p-name"));
            if (OwnProperty(entry, "p-author") is { } author)
            {
                if (author.ClassList.Contains("h-card"))
                {
                    authorName = Text(OwnProperty(author, "p-name")) ?? Text(author);
                    authorUrl = UrlOf(OwnProperty(author, "u-url"), baseUrl) ?? UrlOf(author, baseUrl);
                }
                else
                {
                    authorName = Text(author);
                    authorUrl = UrlOf(author, baseUrl);
                }
            }
        }

        title ??= Text(document.QuerySelector("title"));
        return new SourceDetails(Clip(title, 300), Clip(authorName, 200), authorUrl is { Length: <= Webmention.MaxUrlLength } ? authorUrl : null);
    }

    /// <summary>
    /// The endpoint a page advertises, by the Recommendation's order: the first HTTP <c>Link</c> header
    /// with rel webmention, else the first <c>&lt;link&gt;</c> or <c>&lt;a&gt;</c> with rel webmention in
    /// document order (an empty href is the page itself); relative addresses resolved against the page.
    /// </summary>
    public static Uri? Endpoint(FetchedPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        foreach (var header in page.LinkHeaders)
        {
            foreach (Match link in LinkValue().Matches(header))
            {
                var rels = link.Groups["params"].Value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(p => p.Split('=', 2, StringSplitOptions.TrimEntries))
                    .Where(p => p.Length == 2 && p[0].Equals("rel", StringComparison.OrdinalIgnoreCase))
                    .SelectMany(p => p[1].Trim('"').Split(' ', StringSplitOptions.RemoveEmptyEntries));
                if (rels.Contains("webmention", StringComparer.OrdinalIgnoreCase) && Resolve(page.Url, link.Groups["url"].Value) is { } url)
                {
                    return url;
                }
            }
        }

        if (!page.IsHtml)
        {
            return null;
        }

        var document = Parse(page.Body);
        var element = document.QuerySelectorAll("link[href], a[href]")
            .FirstOrDefault(e => (e.GetAttribute("rel") ?? "").Split([' ', '\t', '\n', '\r', '\f'], StringSplitOptions.RemoveEmptyEntries)
                .Contains("webmention", StringComparer.OrdinalIgnoreCase));
        return element is null ? null : Resolve(BaseOf(document, page.Url), element.GetAttribute("href"));
    }

    /// <summary>The absolute external http(s) links of published HTML (e.g. a response rendered by <c>MarkdownText</c>), each once, in order.</summary>
    public static IReadOnlyList<Uri> ExternalLinks(string html, string? ownHost)
    {
        var document = Parse(html);
        return [.. document.QuerySelectorAll("a[href]")
            .Select(a => Uri.TryCreate(a.GetAttribute("href"), UriKind.Absolute, out var u) ? u : null)
            .OfType<Uri>()
            .Where(u => (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps) && (ownHost is null || !u.Host.Equals(ownHost, StringComparison.OrdinalIgnoreCase)))
            .Select(u => new UriBuilder(u) { Fragment = "" }.Uri)
            .DistinctBy(u => u.AbsoluteUri)];
    }

    /// <summary>A URL as compared for "links to": host and port, path without a trailing slash, query; scheme and fragment ignored.</summary>
    public static string Comparable(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var path = url.AbsolutePath.Length > 1 ? url.AbsolutePath.TrimEnd('/') : url.AbsolutePath;
        var port = url.IsDefaultPort ? "" : ":" + url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return url.Host.ToLowerInvariant() + port + path + url.Query;
    }

    private static Uri BaseOf(IHtmlDocument document, Uri pageUrl)
        => Resolve(pageUrl, document.QuerySelector("base[href]")?.GetAttribute("href")) ?? pageUrl;

    private static Uri? Resolve(Uri baseUrl, string? href)
    {
        if (href is null)
        {
            return null;
        }

        return Uri.TryCreate(baseUrl, href.Trim(), out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) ? url : null;
    }

    // A property of this item, not of an item nested inside it (a quoted h-cite's name is not the entry's).
    private static IElement? OwnProperty(IElement root, string property)
        => root.QuerySelectorAll("." + property).FirstOrDefault(e => NearestRoot(e.ParentElement, root) == root);

    private static IElement? NearestRoot(IElement? element, IElement root)
    {
        for (var e = element; e is not null; e = e.ParentElement)
        {
            if (e == root || e.ClassList.Any(c => c.StartsWith("h-", StringComparison.Ordinal)))
            {
                return e;
            }
        }

        return null;
    }

    private static string? UrlOf(IElement? element, Uri baseUrl) => element is null ? null
        : Resolve(baseUrl, element.GetAttribute("href") ?? element.GetAttribute("src"))?.AbsoluteUri;

    private static string? Text(IElement? element)
    {
        if (element is null)
        {
            return null;
        }

        var text = Whitespace().Replace(element.TextContent, " ").Trim();
        return text.Length == 0 ? null : text;
    }

    private static string? Clip(string? text, int max) => text is null || text.Length <= max ? text : text[..(max - 1)] + "…";

    [GeneratedRegex(@"<(?<url>[^>]*)>(?<params>[^,]*)")]
    private static partial Regex LinkValue();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
