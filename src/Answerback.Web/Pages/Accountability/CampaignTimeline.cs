using System.Globalization;
using System.Net;
using System.Text;
using Answerback.Platform.Accountability;
using Microsoft.AspNetCore.Html;

namespace Answerback.Web.Pages.Accountability;

/// <summary>
/// A campaign's posts on a time axis as inline SVG: one dot per post, one row per account, the axis in
/// minutes from the first post. The same facts are in the table beside it (the SVG has a title and
/// description for screen readers, and is not the only way to read them).
/// </summary>
public static class CampaignTimeline
{
    private const int Width = 640;
    private const int Row = 18;
    private const int Left = 150;
    private const int Right = 20;
    private const int Top = 10;

    public static IHtmlContent Svg(CampaignView campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var inv = CultureInfo.InvariantCulture;
        var accounts = campaign.Posts.Select(p => p.Handle).Distinct(StringComparer.Ordinal).ToList();
        var first = campaign.Posts[0].Time;
        var spread = Math.Max(1, campaign.SpreadMinutes);
        var height = Top + (accounts.Count * Row) + 30;
        var id = "timeline-" + campaign.Id;
        var svg = new StringBuilder();
        svg.Append(inv, $"<svg role=\"img\" aria-labelledby=\"{id}-t {id}-d\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" class=\"timeline\">");
        svg.Append(inv, $"<title id=\"{id}-t\">Timeline of the campaign</title>");
        svg.Append(inv, $"<desc id=\"{id}-d\">{campaign.Posts.Count} posts by {accounts.Count} accounts within {Figures.Minutes(campaign.SpreadMinutes)} of the first.</desc>");
        var axisY = Top + (accounts.Count * Row) + 4;
        svg.Append(inv, $"<line x1=\"{Left}\" y1=\"{axisY}\" x2=\"{Width - Right}\" y2=\"{axisY}\" stroke=\"#555\"/>");
        foreach (var (label, at) in new[] { ("0", 0.0), (Figures.Minutes(spread / 2), spread / 2), (Figures.Minutes(spread), spread) })
        {
            var x = X(at, spread);
            svg.Append(inv, $"<text x=\"{x:0.#}\" y=\"{axisY + 16}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#333\">{WebUtility.HtmlEncode(label)}</text>");
        }

        for (var i = 0; i < accounts.Count; i++)
        {
            var y = Top + (i * Row) + (Row / 2);
            svg.Append(inv, $"<text x=\"{Left - 6}\" y=\"{y + 4}\" font-size=\"11\" text-anchor=\"end\" fill=\"#333\">@{WebUtility.HtmlEncode(accounts[i])}</text>");
            svg.Append(inv, $"<line x1=\"{Left}\" y1=\"{y}\" x2=\"{Width - Right}\" y2=\"{y}\" stroke=\"#ddd\"/>");
        }

        foreach (var p in campaign.Posts)
        {
            var y = Top + (accounts.IndexOf(p.Handle) * Row) + (Row / 2);
            var x = X((p.Time - first).TotalMinutes, spread);
            svg.Append(inv, $"<circle cx=\"{x:0.#}\" cy=\"{y}\" r=\"5\" fill=\"#a3336b\"><title>@{WebUtility.HtmlEncode(p.Handle)}, {Figures.Stamp(p.Time)}</title></circle>");
        }

        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    private static double X(double minutes, double spread) => Left + ((Width - Left - Right) * minutes / spread);
}
