using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Answerback.Counting.Reports;

/// <summary>The formats a <see cref="CountReport"/> can be written in.</summary>
public enum ReportFormat
{
    /// <summary>A stage table a returning officer would recognise.</summary>
    Text,

    /// <summary>The public JSON contract (<c>method</c>, <c>seats</c>, <c>quota</c>, <c>candidates</c>, <c>elected</c>, <c>stages</c>...).</summary>
    Json,

    /// <summary>One row per stage: stage, action, one column per candidate, non-transferable, elected, excluded.</summary>
    Csv,
}

/// <summary>Writes count reports as text, JSON or CSV.</summary>
public static class ReportWriter
{
    // Names and titles are written as they are (not as \uXXXX escapes): the reports are read by people too.
    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The usual file extension for a format (without the dot).</summary>
    public static string Extension(ReportFormat format) => format switch
    {
        ReportFormat.Json => "json",
        ReportFormat.Csv => "csv",
        _ => "txt",
    };

    /// <summary>
    /// <paramref name="report"/> in <paramref name="format"/> as UTF-8 bytes, exactly what <see cref="Write"/> writes:
    /// the form to put in a file, without a <see cref="TextWriter"/> and its encoder in between.
    /// </summary>
    public static byte[] ToUtf8(CountReport report, ReportFormat format)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (format == ReportFormat.Json)
        {
            var buffer = new ArrayBufferWriter<byte>(4096);
            WriteJson(report, buffer);
            return [.. buffer.WrittenSpan];
        }

        using var text = new StringWriter(CultureInfo.InvariantCulture);
        Write(report, format, text);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Writes <paramref name="report"/> in <paramref name="format"/>.</summary>
    public static void Write(CountReport report, ReportFormat format, TextWriter writer)
    {
        switch (format)
        {
            case ReportFormat.Json:
                WriteJson(report, writer);
                break;
            case ReportFormat.Csv:
                WriteCsv(report, writer);
                break;
            default:
                WriteText(report, writer);
                break;
        }
    }

    /// <summary>Writes the report as JSON. The names are a public contract: do not rename them.</summary>
    public static void WriteJson(CountReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        var buffer = new ArrayBufferWriter<byte>(4096);
        WriteJson(report, buffer);
        writer.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>Writes the report as indented JSON, ending with a newline, in UTF-8 to <paramref name="output"/>.</summary>
    private static void WriteJson(CountReport report, IBufferWriter<byte> output)
    {
        using (var json = new Utf8JsonWriter(output, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteString("method", report.Method);
            if (report.Title is not null)
            {
                json.WriteString("title", report.Title);
            }

            json.WriteNumber("seats", report.Seats);
            json.WriteString("valid", report.Valid);
            if (report.Quota is null)
            {
                json.WriteNull("quota");
            }
            else
            {
                json.WriteString("quota", report.Quota);
            }

            WriteStrings(json, "candidates", report.Candidates);
            WriteStrings(json, "elected", report.Elected);
            json.WriteNumber("seed", report.Seed);
            json.WriteStartArray("draws");
            foreach (var draw in report.Draws)
            {
                json.WriteStartObject();
                json.WriteNumber("stage", draw.Stage);
                json.WriteString("purpose", draw.Purpose);
                WriteStrings(json, "among", draw.Among);
                json.WriteString("chosen", draw.Chosen);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("stages");
            foreach (var stage in report.Stages)
            {
                json.WriteStartObject();
                json.WriteNumber("stage", stage.Stage);
                json.WriteString("action", stage.Action);
                WriteStrings(json, "totals", stage.Totals);
                json.WriteString("nonTransferable", stage.NonTransferable);
                WriteStrings(json, "elected", stage.Elected);
                WriteStrings(json, "excluded", stage.Excluded);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (report.Ranking is not null)
            {
                WriteStrings(json, "ranking", report.Ranking);
            }

            if (report.Pairwise is not null)
            {
                json.WriteStartArray("pairwise");
                foreach (var row in report.Pairwise)
                {
                    json.WriteStartArray();
                    foreach (var cell in row)
                    {
                        json.WriteNumberValue(cell);
                    }

                    json.WriteEndArray();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        output.Write("\n"u8);
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values)
        {
            json.WriteStringValue(v);
        }

        json.WriteEndArray();
    }

    /// <summary>Writes the report as CSV (RFC 4180): a header row, then one row per stage.</summary>
    public static void WriteCsv(CountReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        var header = new List<string> { "stage", "action" };
        header.AddRange(report.Candidates);
        header.AddRange(["non-transferable", "elected", "excluded"]);
        WriteCsvRow(writer, header);
        foreach (var stage in report.Stages)
        {
            var row = new List<string> { stage.Stage.ToString(CultureInfo.InvariantCulture), stage.Action };
            row.AddRange(stage.Totals);
            row.AddRange([stage.NonTransferable, string.Join("; ", stage.Elected), string.Join("; ", stage.Excluded)]);
            WriteCsvRow(writer, row);
        }
    }

    private static void WriteCsvRow(TextWriter writer, IEnumerable<string> cells)
    {
        writer.Write(string.Join(',', cells.Select(CsvCell)));
        writer.Write("\r\n");
    }

    private static string CsvCell(string value) =>
        value.AsSpan().IndexOfAny("\",\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    /// <summary>Writes the report as a stage table: candidates down, stages across.</summary>
    public static void WriteText(CountReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        var w = new StringBuilder();
        if (!string.IsNullOrEmpty(report.Title))
        {
            w.Append(report.Title).Append('\n');
        }

        w.Append(CultureInfo.InvariantCulture, $"Method: {report.Method}   Seats: {report.Seats}   Valid poll: {report.Valid}");
        if (report.Quota is not null)
        {
            w.Append(CultureInfo.InvariantCulture, $"   Quota: {report.Quota}");
        }

        w.Append(CultureInfo.InvariantCulture, $"   Seed: {report.Seed}\n\n");
        foreach (var stage in report.Stages)
        {
            w.Append(CultureInfo.InvariantCulture, $"Stage {stage.Stage}: {stage.Action}");
            if (stage.Elected.Count > 0)
            {
                w.Append(CultureInfo.InvariantCulture, $"; elected: {string.Join(", ", stage.Elected)}");
            }

            w.Append('\n');
        }

        w.Append('\n');
        var nameWidth = Math.Max("Non-transferable".Length, report.Candidates.Max(c => c.Length));
        var widths = report.Stages.Select(s => Math.Max($"Stage {s.Stage}".Length, Math.Max(s.NonTransferable.Length, s.Totals.Max(t => t.Length)))).ToList();
        w.Append("Candidate".PadRight(nameWidth));
        for (var s = 0; s < report.Stages.Count; s++)
        {
            w.Append("  ").Append($"Stage {report.Stages[s].Stage}".PadLeft(widths[s]));
        }

        w.Append('\n');
        for (var c = 0; c < report.Candidates.Count; c++)
        {
            w.Append(report.Candidates[c].PadRight(nameWidth));
            for (var s = 0; s < report.Stages.Count; s++)
            {
                w.Append("  ").Append(report.Stages[s].Totals[c].PadLeft(widths[s]));
            }

            w.Append('\n');
        }

        w.Append("Non-transferable".PadRight(nameWidth));
        for (var s = 0; s < report.Stages.Count; s++)
        {
            w.Append("  ").Append(report.Stages[s].NonTransferable.PadLeft(widths[s]));
        }

        w.Append("\n\n");
        foreach (var draw in report.Draws)
        {
            w.Append(CultureInfo.InvariantCulture, $"Lot at stage {draw.Stage} ({draw.Purpose}) among {string.Join(", ", draw.Among)}: {draw.Chosen}\n");
        }

        if (report.Ranking is not null)
        {
            w.Append(CultureInfo.InvariantCulture, $"Ranking: {string.Join(" > ", report.Ranking)}\n");
        }

        if (report.Pairwise is not null)
        {
            w.Append("Pairwise (row over column):\n");
            for (var i = 0; i < report.Candidates.Count; i++)
            {
                w.Append(report.Candidates[i].PadRight(nameWidth));
                foreach (var cell in report.Pairwise[i])
                {
                    w.Append("  ").Append(cell.ToString(CultureInfo.InvariantCulture).PadLeft(8));
                }

                w.Append('\n');
            }
        }

        w.Append(CultureInfo.InvariantCulture, $"Elected: {string.Join(", ", report.Elected)}\n");
        writer.Write(w.ToString());
    }
}
