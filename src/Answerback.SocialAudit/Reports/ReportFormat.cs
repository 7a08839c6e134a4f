using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Answerback.SocialAudit;

/// <summary>The formats of the social-audit reports.</summary>
public enum ReportFormat
{
    /// <summary>Lines for people to read (campaigns, metrics).</summary>
    Text,

    /// <summary>RFC 4180 CSV with a header row, <c>\n</c> line ends.</summary>
    Csv,

    /// <summary>An indented JSON document.</summary>
    Json,

    /// <summary>GraphML (coordination networks only), for Gephi and networkx.</summary>
    GraphMl,
}

/// <summary>Formatting shared by the report writers and the QUT CSV writer: culture-invariant, one way each.</summary>
internal static class ReportText
{
    public static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    public static string F(double x) => x.ToString("0.####", CultureInfo.InvariantCulture);

    public static string P(double x) => (x * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    public static string Minutes(TimeSpan? t, string none = "") => t is { } v ? v.TotalMinutes.ToString("0.##", CultureInfo.InvariantCulture) : none;

    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string OneLine(string s) => s.ReplaceLineEndings(" ");

    /// <summary>A CSV field, quoted only when it holds a comma, a quote or a line break.</summary>
    public static string Csv(string s) =>
        s.AsSpan().IndexOfAny(",\"\r\n") < 0 ? s : "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Writes a JSON document built by <paramref name="build"/> to the text writer, with a final line end.</summary>
    public static void Json(TextWriter writer, Action<Utf8JsonWriter> build)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            build(json);
        }

        writer.Write(Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length));
        writer.Write('\n');
    }
}
