using System.Text.Json;

namespace Answerback.SocialAudit.Tests.Reports;

public class CoordinationReportTests
{
    private static readonly CoordinationEdge[] Edges =
    [
        new("u1", "u,2", 3, CoordinationType.CoLink),
        new("u,2", "u1", 1, CoordinationType.CoLink),
    ];

    private static string Write(ReportFormat format, IReadOnlyDictionary<string, string>? handles = null)
    {
        using var writer = new StringWriter();
        CoordinationReport.Write(writer, Edges, format, handles);
        return writer.ToString();
    }

    [Fact]
    public void Write_Csv_ToolkitColumnsIdsQuotedWhenNeeded()
    {
        Assert.Equal("source,target,weight,edge_type\nu1,\"u,2\",3,co-link\n\"u,2\",u1,1,co-link\n", Write(ReportFormat.Csv));
    }

    [Fact]
    public void Write_Json_ListsEdgesWithType()
    {
        using var doc = JsonDocument.Parse(Write(ReportFormat.Json));
        var edges = doc.RootElement.GetProperty("edges").EnumerateArray()
            .Select(e => (e.GetProperty("source").GetString(), e.GetProperty("target").GetString(), e.GetProperty("weight").GetInt32(), e.GetProperty("edge_type").GetString()))
            .ToList();
        Assert.Equal([("u1", "u,2", 3, "co-link"), ("u,2", "u1", 1, "co-link")], edges);
    }

    [Fact]
    public void Write_GraphMl_NodesCarryHandlesEdgesCarryWeights()
    {
        var xml = Write(ReportFormat.GraphMl, new Dictionary<string, string> { ["u1"] = "one & only" });
        var doc = System.Xml.Linq.XDocument.Parse(xml);
        System.Xml.Linq.XNamespace g = "http://graphml.graphdrawing.org/xmlns";
        var nodes = doc.Descendants(g + "node").ToDictionary(n => (string)n.Attribute("id")!, n => n.Element(g + "data")!.Value);
        Assert.Equal(new Dictionary<string, string> { ["u,2"] = "", ["u1"] = "one & only" }, nodes);
        var edge = doc.Descendants(g + "edge").First();
        Assert.Equal("u1", (string)edge.Attribute("source")!);
        Assert.Equal(["3", "co-link"], edge.Elements(g + "data").Select(d => d.Value));
    }

    [Fact]
    public void Handles_FirstNonEmptyHandlePerAccount()
    {
        Post[] posts = [Posts.Text("a", 0, "x") with { Handle = "" }, Posts.Text("a", 1, "y") with { Handle = "alice" }, Posts.Text("a", 2, "z") with { Handle = "later" }];
        Assert.Equal(new Dictionary<string, string> { ["a"] = "alice" }, CoordinationReport.Handles(posts));
    }

    [Fact]
    public void Write_TextFormat_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Write(ReportFormat.Text));
    }
}
