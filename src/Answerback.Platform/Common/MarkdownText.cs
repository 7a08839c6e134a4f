using Ganss.Xss;
using Markdig;
using Markdig.Syntax;

namespace Answerback.Platform.Common;

/// <summary>
/// The one renderer of user-written Markdown: Markdig (CommonMark) with raw HTML disabled, so
/// <c>&lt;script&gt;</c> typed by a user is shown as text, then HtmlSanitizer with a short allow-list
/// (belt and braces: a Markdig change cannot let a script through), which also drops
/// <c>javascript:</c> links. Links get <c>rel="nofollow ugc noopener"</c>: they are the writer's, not
/// the site's (no ranking credit, no opener access).
/// Two flavours: <see cref="ToHtml"/> for documents (candidates' statements and answers, primaries'
/// descriptions, conversations' backgrounds; headings moved down two levels, <c>#</c> becomes
/// <c>h3</c>, so user text never competes with the page's own headings) and
/// <see cref="CommentToHtml"/> for comments (paragraphs, emphasis, links, lists, quotes and code; a
/// line break is kept as typed).
/// </summary>
public static class MarkdownText
{
    private static readonly MarkdownPipeline DocumentPipeline = new MarkdownPipelineBuilder().DisableHtml().UseAutoLinks().Build();

    private static readonly MarkdownPipeline CommentPipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    // HtmlSanitizer is safe to share across threads once configured (its Sanitize keeps no state).
    private static readonly HtmlSanitizer DocumentSanitizer = CreateSanitizer(
        ["p", "br", "hr", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "pre", "h3", "h4", "h5", "h6"], ["href", "title"]);

    private static readonly HtmlSanitizer CommentSanitizer = CreateSanitizer(
        ["p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "pre"], ["href"]);

    /// <summary>Safe HTML for a document's <paramref name="markdown"/> (empty for null or blank).</summary>
    public static string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }

        var document = Markdown.Parse(markdown, DocumentPipeline);
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            heading.Level = Math.Min(6, heading.Level + 2);
        }

        return DocumentSanitizer.Sanitize(document.ToHtml(DocumentPipeline));
    }

    /// <summary>Safe HTML for a comment's <paramref name="markdown"/>, trimmed (empty for null or blank).</summary>
    public static string CommentToHtml(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : CommentSanitizer.Sanitize(Markdown.ToHtml(markdown, CommentPipeline)).Trim();

    private static HtmlSanitizer CreateSanitizer(string[] tags, string[] attributes)
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(tags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(attributes, StringComparer.OrdinalIgnoreCase),
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
