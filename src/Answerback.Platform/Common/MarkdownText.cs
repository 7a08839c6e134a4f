using Ganss.Xss;
using Markdig;
using Markdig.Syntax;

namespace Answerback.Platform.Common;

/// <summary>
/// The one renderer of user-written Markdown (candidates' statements and answers, descriptions):
/// Markdig (CommonMark) with raw HTML disabled, so <c>&lt;script&gt;</c> typed by a user is shown
/// as text, then HtmlSanitizer with a short allow-list, which also drops <c>javascript:</c> links.
/// Headings are moved down two levels (<c>#</c> becomes <c>h3</c>) so that user text never competes
/// with the page's own headings. Links get <c>rel="nofollow ugc noopener"</c>.
/// </summary>
public static class MarkdownText
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UseAutoLinks().Build();

    // HtmlSanitizer is safe to share across threads once configured (its Sanitize keeps no state).
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>Safe HTML for <paramref name="markdown"/> (empty for null or blank).</summary>
    public static string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }

        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            heading.Level = Math.Min(6, heading.Level + 2);
        }

        return Sanitizer.Sanitize(document.ToHtml(Pipeline));
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(["p", "br", "hr", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "pre", "h3", "h4", "h5", "h6"], StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(["href", "title"], StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
        };
        var sanitizer = new HtmlSanitizer(options);
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } link)
            {
                link.SetAttribute("rel", "nofollow ugc noopener");
            }
        };
        return sanitizer;
    }
}
