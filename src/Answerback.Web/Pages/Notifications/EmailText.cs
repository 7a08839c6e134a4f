using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;

namespace Answerback.Web.Pages.Notifications;

/// <summary>Shows a plain-text email with its links clickable; everything else is HTML-encoded.</summary>
public static partial class EmailText
{
    [GeneratedRegex(@"https?://[^\s<>""]+", RegexOptions.CultureInvariant)]
    private static partial Regex Url();

    public static IHtmlContent Linkify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var html = new StringBuilder();
        var last = 0;
        foreach (Match match in Url().Matches(text))
        {
            html.Append(HtmlEncoder.Default.Encode(text[last..match.Index]));
            var url = HtmlEncoder.Default.Encode(match.Value);
            html.Append("<a href=\"").Append(url).Append("\">").Append(url).Append("</a>");
            last = match.Index + match.Length;
        }

        html.Append(HtmlEncoder.Default.Encode(text[last..]));
        return new HtmlString(html.ToString());
    }
}
