using Ganss.Xss;
using Markdig;

namespace Answerback.Platform.Conversations;

/// <summary>
/// Renders an organiser's Markdown (Markdig, CommonMark) and sanitises the HTML (HtmlSanitizer's
/// allow-list: no script, no event handlers, no javascript: links). Raw HTML in the Markdown is
/// escaped by Markdig before the sanitiser sees it, so the sanitiser is the second wall, not the only one.
/// </summary>
public static class ConversationMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UseAutoLinks().Build();

    public static string ToSafeHtml(string markdown)
    {
        var html = Markdown.ToHtml(markdown ?? "", Pipeline);
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("mailto");
        return sanitizer.Sanitize(html);
    }
}
