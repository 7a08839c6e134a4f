using System.Globalization;
using System.Net;
using System.Text;

namespace Answerback.OpinionMap;

/// <summary>
/// Draws the opinion map as a standalone SVG: one dot per participant on the two principal
/// components, coloured by group (grey: not clustered), each group's centre labelled with its id
/// and size, and a legend.
/// </summary>
public static class OpinionMapSvg
{
    // Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
    private static readonly string[] Palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000"];

    /// <summary>Writes the SVG document.</summary>
    public static void Write(OpinionMap map, TextWriter writer, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(writer);
        const double width = 900, height = 640, plot = 600, margin = 20;
        var placed = map.Participants.Where(p => p.Votes > 0).ToList();
        // Fit the grouped participants; ungrouped light voters far outside are pinned to the border.
        var fitted = placed.Any(p => p.Group is not null) ? placed.Where(p => p.Group is not null).ToList() : placed;
        var extent = fitted.Count == 0 ? 1 : fitted.Max(p => Math.Max(Math.Abs(p.X), Math.Abs(p.Y)));
        if (!(extent > 0))
        {
            extent = 1;
        }

        var scale = (plot / 2) / (extent * 1.05);
        double Sx(double x) => margin + (plot / 2) + Math.Clamp(x * scale, -plot / 2, plot / 2);
        double Sy(double y) => margin + (plot / 2) - Math.Clamp(y * scale, -plot / 2, plot / 2);
        var colour = map.Groups.Select((g, i) => (g.Id, Colour: Palette[i % Palette.Length])).ToDictionary(t => t.Id, t => t.Colour);
        var sb = new StringBuilder();
        string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{F(width)}\" height=\"{F(height)}\" viewBox=\"0 0 {F(width)} {F(height)}\" font-family=\"sans-serif\" role=\"img\">\n");
        const string heading = "Opinion map";
        sb.Append(CultureInfo.InvariantCulture, $"<title>{WebUtility.HtmlEncode(title is null ? heading : heading + ": " + title)}</title>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<rect width=\"{F(width)}\" height=\"{F(height)}\" fill=\"#ffffff\"/>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(margin)}\" y=\"{F(margin)}\" width=\"{F(plot)}\" height=\"{F(plot)}\" fill=\"#fafafa\" stroke=\"#cccccc\"/>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(margin)}\" y1=\"{F(Sy(0))}\" x2=\"{F(margin + plot)}\" y2=\"{F(Sy(0))}\" stroke=\"#dddddd\"/>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(Sx(0))}\" y1=\"{F(margin)}\" x2=\"{F(Sx(0))}\" y2=\"{F(margin + plot)}\" stroke=\"#dddddd\"/>\n");
        var radius = placed.Count > 20000 ? 1.2 : placed.Count > 2000 ? 2 : 3.5;
        sb.Append("<g fill-opacity=\"0.7\">\n");
        foreach (var p in placed.OrderBy(p => p.Group is null ? 0 : 1))
        {
            var fill = p.Group is int g ? colour[g] : "#aaaaaa";
            sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(Sx(p.X))}\" cy=\"{F(Sy(p.Y))}\" r=\"{F(radius)}\" fill=\"{fill}\"/>\n");
        }

        sb.Append("</g>\n");
        foreach (var g in map.Groups)
        {
            var x = Sx(g.CenterX);
            var y = Sy(g.CenterY);
            sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(x)}\" cy=\"{F(y)}\" r=\"16\" fill=\"#ffffff\" stroke=\"{colour[g.Id]}\" stroke-width=\"3\"/>\n");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x)}\" y=\"{F(y + 5)}\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\" fill=\"#222222\">{g.Id}</text>\n");
        }

        var lx = margin + plot + 30;
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(lx)}\" y=\"40\" font-size=\"18\" font-weight=\"bold\">{WebUtility.HtmlEncode(heading)}</text>\n");
        if (title is not null)
        {
            var shown = title.Length <= 32 ? title : title[..31] + "…";
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(lx)}\" y=\"62\" font-size=\"14\" fill=\"#222222\">{WebUtility.HtmlEncode(shown)}</text>\n");
        }

        var clustered = map.Participants.Count(p => p.Group is not null);
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(lx)}\" y=\"84\" font-size=\"13\" fill=\"#444444\">{map.Participants.Count} participants, {clustered} in groups</text>\n");
        var ly = 120.0;
        foreach (var g in map.Groups)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(lx + 8)}\" cy=\"{F(ly - 5)}\" r=\"7\" fill=\"{colour[g.Id]}\"/>\n");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(lx + 24)}\" y=\"{F(ly)}\" font-size=\"14\">Group {g.Id}: {g.Size} participants</text>\n");
            ly += 26;
        }

        var unclustered = map.Participants.Count - clustered;
        if (unclustered > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(lx + 8)}\" cy=\"{F(ly - 5)}\" r=\"7\" fill=\"#aaaaaa\"/>\n");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(lx + 24)}\" y=\"{F(ly)}\" font-size=\"14\">Not grouped (too few votes): {unclustered}</text>\n");
            ly += 26;
        }

        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(lx)}\" y=\"{F(ly + 20)}\" font-size=\"11\" fill=\"#666666\">Axes: first two principal components of the votes.</text>\n");
        sb.Append("</svg>\n");
        writer.Write(sb.ToString());
    }
}
