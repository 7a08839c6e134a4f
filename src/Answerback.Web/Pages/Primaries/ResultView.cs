using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Answerback.Web.Pages.Primaries;

/// <summary>One stage of the published count as the result page shows it.</summary>
public sealed record ResultStage(int Number, string Action, IReadOnlyList<decimal> Totals, IReadOnlyList<string> TotalTexts, string NonTransferable, IReadOnlyList<string> Elected, IReadOnlyList<string> Excluded);

/// <summary>The engine's JSON report read for the result page: candidates, stages and who was elected.</summary>
public sealed record ResultView(string Method, IReadOnlyList<string> Candidates, IReadOnlyList<string> Elected, string? Quota, IReadOnlyList<ResultStage> Stages)
{
    /// <summary>Reads the report's public fields (<c>method</c>, <c>candidates</c>, <c>elected</c>, <c>quota</c>, <c>stages</c>).</summary>
    public static ResultView From(JsonObject report)
    {
        ArgumentNullException.ThrowIfNull(report);
        static IReadOnlyList<string> Strings(JsonNode? node) => node is JsonArray a ? [.. a.Select(n => n!.GetValue<string>())] : [];
        var stages = report["stages"] is JsonArray array
            ? array.Select(s => new ResultStage(
                s!["stage"]!.GetValue<int>(),
                s["action"]!.GetValue<string>(),
                [.. Strings(s["totals"]).Select(t => decimal.Parse(t, NumberStyles.Number, CultureInfo.InvariantCulture))],
                Strings(s["totals"]),
                s["nonTransferable"]?.GetValue<string>() ?? "0",
                Strings(s["elected"]),
                Strings(s["excluded"]))).ToList()
            : [];
        return new ResultView(report["method"]!.GetValue<string>(), Strings(report["candidates"]), Strings(report["elected"]), report["quota"]?.GetValue<string>(), stages);
    }

    /// <summary>
    /// The transfers as an SVG line chart drawn on the server: one line per candidate through their
    /// total at each stage, so a rise is votes transferred in and a line that stops is an exclusion.
    /// Its title and description name it for screen readers; the stage table beside it is the full
    /// text alternative (<paramref name="tableId"/>). Colours come with a marker shape per candidate,
    /// so the lines are told apart without colour.
    /// </summary>
    public string TransferChartSvg(string tableId)
    {
        const int width = 640, height = 320, left = 56, right = 150, top = 20, bottom = 40;
        string[] colours = ["#1d70b8", "#d4351c", "#00703c", "#6f3c97", "#b58840", "#28a197", "#f499be", "#505a5f"];
        var max = Math.Max(1m, Stages.SelectMany(s => s.Totals).DefaultIfEmpty(0m).Max());
        var stageCount = Math.Max(1, Stages.Count);
        double X(int stage) => left + (stageCount == 1 ? 0.5 : (double)stage / (stageCount - 1)) * (width - left - right);
        double Y(decimal votes) => top + (double)(1 - (votes / max)) * (height - top - bottom);
        XNamespace ns = "http://www.w3.org/2000/svg";
        var svg = new XElement(ns + "svg",
            new XAttribute("viewBox", Invariant($"0 0 {width} {height}")), new XAttribute("role", "img"),
            new XAttribute("aria-labelledby", "transfers-title transfers-desc"), new XAttribute("class", "transfer-chart"),
            new XElement(ns + "title", new XAttribute("id", "transfers-title"), "Votes per candidate at each stage of the count"),
            new XElement(ns + "desc", new XAttribute("id", "transfers-desc"),
                $"A line for each candidate through their total at stages 1 to {Stages.Count}. {string.Join(" ", Candidates.Select((c, i) => $"{c}: {string.Join(", ", Stages.Select(s => s.TotalTexts.ElementAtOrDefault(i) ?? "0"))}."))} The table {tableId} gives the same figures."));
        svg.Add(new XElement(ns + "line", Attr("x1", left), Attr("y1", Y(0)), Attr("x2", width - right), Attr("y2", Y(0)), new XAttribute("stroke", "#505a5f")));
        svg.Add(new XElement(ns + "text", Attr("x", 4), Attr("y", Y(max) + 4), new XAttribute("font-size", "12"), max.ToString("0.##", CultureInfo.InvariantCulture)));
        svg.Add(new XElement(ns + "text", Attr("x", 4), Attr("y", Y(0) + 4), new XAttribute("font-size", "12"), "0"));
        for (var s = 0; s < Stages.Count; s++)
        {
            svg.Add(new XElement(ns + "text", Attr("x", X(s)), Attr("y", height - 16), new XAttribute("text-anchor", "middle"), new XAttribute("font-size", "12"), Invariant($"Stage {Stages[s].Number}")));
        }

        for (var c = 0; c < Candidates.Count; c++)
        {
            var colour = colours[c % colours.Length];
            // A candidate's line ends at the stage they were excluded: later zero totals are not transfers in.
            var points = new List<(double X, double Y)>();
            for (var s = 0; s < Stages.Count && c < Stages[s].Totals.Count; s++)
            {
                points.Add((X(s), Y(Stages[s].Totals[c])));
                if (Stages[s].Excluded.Contains(Candidates[c]))
                {
                    break;
                }
            }

            var group = new XElement(ns + "g", new XAttribute("stroke", colour), new XAttribute("fill", colour));
            group.Add(new XElement(ns + "polyline", new XAttribute("fill", "none"), new XAttribute("stroke-width", "2"),
                new XAttribute("points", string.Join(" ", points.Select(p => Invariant($"{p.X:0.#},{p.Y:0.#}"))))));
            foreach (var (px, py) in points)
            {
                group.Add(c % 2 == 0
                    ? new XElement(ns + "circle", Attr("cx", px), Attr("cy", py), Attr("r", 4))
                    : new XElement(ns + "rect", Attr("x", px - 4), Attr("y", py - 4), Attr("width", 8), Attr("height", 8)));
            }

            if (points.Count > 0)
            {
                group.Add(new XElement(ns + "text", Attr("x", points[^1].X + 8), Attr("y", points[^1].Y + 4), new XAttribute("stroke", "none"), new XAttribute("font-size", "12"), Candidates[c]));
            }

            svg.Add(group);
        }

        return svg.ToString(SaveOptions.DisableFormatting);
    }

    private static XAttribute Attr(string name, double value) => new(name, value.ToString("0.#", CultureInfo.InvariantCulture));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
