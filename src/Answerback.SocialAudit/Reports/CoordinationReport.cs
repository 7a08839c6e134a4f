using System.Globalization;
using System.Xml;

namespace Answerback.SocialAudit;

/// <summary>Writes coordination networks: CSV (the QUT toolkit's <c>source,target,weight,edge_type</c>), JSON or GraphML.</summary>
public static class CoordinationReport
{
    /// <summary>Writes the edges in the format; GraphML nodes carry the handles from <paramref name="handles"/> (account id → handle).</summary>
    public static void Write(TextWriter writer, IReadOnlyList<CoordinationEdge> edges, ReportFormat format, IReadOnlyDictionary<string, string>? handles = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(edges);
        switch (format)
        {
            case ReportFormat.Csv:
                WriteCsv(writer, edges);
                break;
            case ReportFormat.Json:
                WriteJson(writer, edges);
                break;
            case ReportFormat.GraphMl:
                WriteGraphMl(writer, edges, handles ?? new Dictionary<string, string>());
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), "coordination networks are written as CSV, JSON or GraphML");
        }
    }

    /// <summary>Each account's first non-empty handle, for the GraphML nodes.</summary>
    public static Dictionary<string, string> Handles(IEnumerable<Post> posts)
    {
        ArgumentNullException.ThrowIfNull(posts);
        var handles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in posts)
        {
            if (p.Handle.Length > 0)
            {
                handles.TryAdd(p.AccountId, p.Handle);
            }
        }

        return handles;
    }

    private static void WriteCsv(TextWriter writer, IReadOnlyList<CoordinationEdge> edges)
    {
        // Millions of edges: written piece by piece, without a string per line.
        writer.Write("source,target,weight,edge_type\n");
        Span<char> number = stackalloc char[11];
        foreach (var e in edges)
        {
            writer.Write(ReportText.Csv(e.Source));
            writer.Write(',');
            writer.Write(ReportText.Csv(e.Target));
            writer.Write(',');
            e.Weight.TryFormat(number, out var n, default, CultureInfo.InvariantCulture);
            writer.Write(number[..n]);
            writer.Write(',');
            writer.Write(CoordinationDetector.TypeName(e.Type));
            writer.Write('\n');
        }
    }

    private static void WriteJson(TextWriter writer, IReadOnlyList<CoordinationEdge> edges) => ReportText.Json(writer, json =>
    {
        json.WriteStartObject();
        json.WriteStartArray("edges");
        foreach (var e in edges)
        {
            json.WriteStartObject();
            json.WriteString("source", e.Source);
            json.WriteString("target", e.Target);
            json.WriteNumber("weight", e.Weight);
            json.WriteString("edge_type", CoordinationDetector.TypeName(e.Type));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });

    private static void WriteGraphMl(TextWriter writer, IReadOnlyList<CoordinationEdge> edges, IReadOnlyDictionary<string, string> handles)
    {
        using var xml = XmlWriter.Create(writer, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false, NewLineChars = "\n" });
        xml.WriteStartElement("graphml", "http://graphml.graphdrawing.org/xmlns");
        void Key(string id, string target, string name, string type)
        {
            xml.WriteStartElement("key");
            xml.WriteAttributeString("id", id);
            xml.WriteAttributeString("for", target);
            xml.WriteAttributeString("attr.name", name);
            xml.WriteAttributeString("attr.type", type);
            xml.WriteEndElement();
        }

        Key("handle", "node", "handle", "string");
        Key("weight", "edge", "weight", "int");
        Key("edge_type", "edge", "edge_type", "string");
        xml.WriteStartElement("graph");
        xml.WriteAttributeString("id", "coordination");
        xml.WriteAttributeString("edgedefault", "directed");
        foreach (var node in edges.SelectMany(e => new[] { e.Source, e.Target }).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            xml.WriteStartElement("node");
            xml.WriteAttributeString("id", node);
            xml.WriteStartElement("data");
            xml.WriteAttributeString("key", "handle");
            xml.WriteString(handles.GetValueOrDefault(node, ""));
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        foreach (var e in edges)
        {
            xml.WriteStartElement("edge");
            xml.WriteAttributeString("source", e.Source);
            xml.WriteAttributeString("target", e.Target);
            xml.WriteStartElement("data");
            xml.WriteAttributeString("key", "weight");
            xml.WriteString(e.Weight.ToString(CultureInfo.InvariantCulture));
            xml.WriteEndElement();
            xml.WriteStartElement("data");
            xml.WriteAttributeString("key", "edge_type");
            xml.WriteString(CoordinationDetector.TypeName(e.Type));
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.Flush();
        writer.Write('\n');
    }
}
