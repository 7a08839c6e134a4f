using System.Globalization;
using System.Text;

namespace Answerback.Platform.Conversations;

/// <summary>
/// The opinion map as the pages show it: each group a circle at its centre on the two principal
/// components, its area proportional to its members, labelled with its letter and size. Drawn once
/// per recompute, so a map page at 20,000 participants sends a few hundred bytes, not 20,000 dots.
/// </summary>
public static class GroupMapSvg
{
    // Okabe–Ito palette (as the engine's SVG): distinguishable with the common colour-vision deficiencies.
    private static readonly string[] Palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00"];

    /// <summary>"A" for group 0, "B" for group 1...</summary>
    public static string Letter(int groupId) => groupId < 26 ? ((char)('A' + groupId)).ToString() : (groupId + 1).ToString(CultureInfo.InvariantCulture);

    public static string Draw(OpinionMap.OpinionMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        const double size = 400, margin = 70;
        var groups = map.Groups;
        var extent = groups.Count == 0 ? 1 : Math.Max(1e-9, groups.Max(g => Math.Max(Math.Abs(g.CenterX), Math.Abs(g.CenterY))));
        var largest = groups.Count == 0 ? 1 : groups.Max(g => g.Size);
        var svg = new StringBuilder();
        var description = groups.Count == 0
            ? "No opinion groups yet: more people need to vote."
            : string.Join("; ", groups.Select(g => string.Create(CultureInfo.InvariantCulture, $"group {Letter(g.Id)}: {g.Size} people")));
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" role=\"img\" aria-labelledby=\"map-title map-desc\">");
        svg.Append("<title id=\"map-title\">Opinion groups</title>");
        svg.Append("<desc id=\"map-desc\">").Append(System.Net.WebUtility.HtmlEncode(description)).Append("</desc>");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{size}\" height=\"{size}\" fill=\"#fafafa\" stroke=\"#767676\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{size / 2}\" y1=\"10\" x2=\"{size / 2}\" y2=\"{size - 10}\" stroke=\"#cccccc\"/><line x1=\"10\" y1=\"{size / 2}\" x2=\"{size - 10}\" y2=\"{size / 2}\" stroke=\"#cccccc\"/>");
        foreach (var g in groups)
        {
            var x = size / 2 + g.CenterX / extent * (size / 2 - margin);
            var y = size / 2 - g.CenterY / extent * (size / 2 - margin);
            var r = 12 + 48 * Math.Sqrt((double)g.Size / largest);
            var colour = Palette[g.Id % Palette.Length];
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{x:F1}\" cy=\"{y:F1}\" r=\"{r:F1}\" fill=\"{colour}\" fill-opacity=\"0.35\" stroke=\"{colour}\" stroke-width=\"2\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:F1}\" y=\"{y + 5:F1}\" text-anchor=\"middle\" font-size=\"16\" font-family=\"sans-serif\" fill=\"#000000\">{Letter(g.Id)} ({g.Size})</text>");
        }

        return svg.Append("</svg>").ToString();
    }
}
