using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Answerback.Platform.Accountability;
using Microsoft.AspNetCore.Html;

namespace Answerback.Web.Pages.Accountability;

/// <summary>
/// The presence map as inline SVG: a choropleth of the wards from their real boundaries when every
/// ward of the area has one (Cambridge's, ONS data under the Open Government Licence), otherwise a grid
/// of tiles, one per ward. Each ward is a link to its page with a title giving its figures; the table
/// beside the map gives the same figures as text.
/// </summary>
public static class WardMap
{
    /// <summary>The presence classes, lightest first: posts a week by everyone listed in the ward.</summary>
    public static readonly IReadOnlyList<(double From, string Colour, string Label)> Classes =
    [
        (0, "#f1eef6", "next to no presence (under 1 post a week)"),
        (1, "#bdc9e1", "1 to 5 posts a week"),
        (5, "#74a9cf", "5 to 20 posts a week"),
        (20, "#0570b0", "20 or more posts a week"),
    ];

    public const string Attribution = "Boundaries: contains Ordnance Survey, Office of National Statistics, National Records Scotland and LPS Intellectual Property data © Crown copyright and database right [2016], under the Open Government Licence v3.0.";

    private static readonly Lazy<Dictionary<string, List<(double Lon, double Lat)[]>>> Boundaries = new(Load);

    public static string Colour(double postsPerWeek) => Classes.Last(c => postsPerWeek >= c.From).Colour;

    /// <summary>True when every ward has a boundary (matched by name).</summary>
    public static bool HasBoundaries(IReadOnlyList<WardPresence> wards)
        => wards.Count > 1 && wards.All(w => Boundaries.Value.ContainsKey(w.Area.Name));

    public static IHtmlContent Svg(AreaPresence presence)
    {
        ArgumentNullException.ThrowIfNull(presence);
        return new HtmlString(HasBoundaries(presence.Wards) ? Choropleth(presence) : Tiles(presence));
    }

    private static string Open(AreaPresence presence, double width, double height)
    {
        var near = presence.Wards.Where(w => w.Presence.NearEmpty).Select(w => w.Area.Name).ToList();
        var desc = $"Presence of representatives and candidates in the {presence.Wards.Count} wards of {presence.Area.Name}. "
            + (near.Count == 0 ? "Every ward has some presence." : $"Next to no presence in {string.Join(", ", near)}.") + " The table below gives every figure.";
        return string.Create(CultureInfo.InvariantCulture,
            $"<svg role=\"group\" aria-labelledby=\"map-title map-desc\" viewBox=\"0 0 {width:0} {height:0}\" width=\"100%\" class=\"ward-map\"><title id=\"map-title\">Ward presence map of {Encode(presence.Area.Name)}</title><desc id=\"map-desc\">{Encode(desc)}</desc>");
    }

    private static string Choropleth(AreaPresence presence)
    {
        var rings = presence.Wards.ToDictionary(w => w.Area.Id, w => Boundaries.Value[w.Area.Name]);
        var points = rings.Values.SelectMany(r => r).SelectMany(r => r).ToList();
        double minLon = points.Min(p => p.Lon), maxLon = points.Max(p => p.Lon), minLat = points.Min(p => p.Lat), maxLat = points.Max(p => p.Lat);
        // Equirectangular, shrunk east-west by cos(latitude): true enough at a city's scale.
        var k = Math.Cos((minLat + maxLat) / 2 * Math.PI / 180);
        const double width = 600;
        var scale = width / ((maxLon - minLon) * k);
        var height = (maxLat - minLat) * scale;
        var svg = new StringBuilder(Open(presence, width, height));
        foreach (var ward in presence.Wards)
        {
            var d = new StringBuilder();
            foreach (var ring in rings[ward.Area.Id])
            {
                for (var i = 0; i < ring.Length; i++)
                {
                    d.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? 'M' : 'L')}{(ring[i].Lon - minLon) * k * scale:0.#},{(maxLat - ring[i].Lat) * scale:0.#}");
                }

                d.Append('Z');
            }

            svg.Append(CultureInfo.InvariantCulture, $"<a href=\"/areas/{Encode(ward.Area.Slug)}\"><path d=\"{d}\" fill=\"{Colour(ward.Presence.PostsPerWeek)}\" stroke=\"#333\" stroke-width=\"1\"><title>{Encode(Label(ward))}</title></path></a>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Tiles(AreaPresence presence)
    {
        const int size = 110, gap = 6;
        var columns = Math.Max(1, (int)Math.Ceiling(Math.Sqrt(presence.Wards.Count)));
        var rows = (int)Math.Ceiling(presence.Wards.Count / (double)columns);
        var svg = new StringBuilder(Open(presence, columns * (size + gap), rows * (size + gap)));
        for (var i = 0; i < presence.Wards.Count; i++)
        {
            var ward = presence.Wards[i];
            var (x, y) = ((i % columns) * (size + gap), (i / columns) * (size + gap));
            var fill = Colour(ward.Presence.PostsPerWeek);
            var ink = fill == Classes[^1].Colour ? "#fff" : "#111";
            svg.Append(CultureInfo.InvariantCulture, $"<a href=\"/areas/{Encode(ward.Area.Slug)}\"><rect x=\"{x}\" y=\"{y}\" width=\"{size}\" height=\"{size}\" fill=\"{fill}\" stroke=\"#333\"><title>{Encode(Label(ward))}</title></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (size / 2)}\" y=\"{y + (size / 2)}\" font-size=\"12\" text-anchor=\"middle\" fill=\"{ink}\">{Encode(Short(ward.Area.Name))}</text></a>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Label(WardPresence w) => string.Create(CultureInfo.InvariantCulture,
        $"{w.Area.Name}: {Figures.Number(w.Presence.PostsPerWeek)} posts a week, {w.Presence.ActiveAccounts} active accounts of {w.Presence.People} people listed{(w.Presence.NearEmpty ? " (next to no presence)" : "")}");

    private static string Short(string name) => name.Length <= 16 ? name : name[..15] + "…";

    private static string Encode(string s) => WebUtility.HtmlEncode(s);

    private static Dictionary<string, List<(double, double)[]>> Load()
    {
        using var stream = typeof(WardMap).Assembly.GetManifestResourceStream("Answerback.Web.Accountability.cambridge-wards.geojson")
            ?? throw new InvalidOperationException("The ward boundaries are not embedded.");
        using var doc = JsonDocument.Parse(stream);
        var result = new Dictionary<string, List<(double, double)[]>>(StringComparer.Ordinal);
        foreach (var feature in doc.RootElement.GetProperty("features").EnumerateArray())
        {
            var name = feature.GetProperty("properties").GetProperty("WD13NM").GetString() ?? "";
            var geometry = feature.GetProperty("geometry");
            var polygons = geometry.GetProperty("type").GetString() == "MultiPolygon"
                ? geometry.GetProperty("coordinates").EnumerateArray().ToList()
                : [geometry.GetProperty("coordinates")];
            result[name] = [.. polygons.SelectMany(p => p.EnumerateArray()).Select(ring => ring.EnumerateArray().Select(c => (c[0].GetDouble(), c[1].GetDouble())).ToArray())];
        }

        return result;
    }
}
