using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Answerback.OpinionMap;

/// <summary>
/// Writes an <see cref="OpinionMap"/> as the public JSON report (names are a contract: participants
/// [id, group, x, y], groups [id, size, representative [statement, direction, p, z]], consensus
/// [agree, disagree], statements [id, agree, disagree, pass, groupInformedConsensus, bridging]) or
/// as a short text summary.
/// </summary>
public static class OpinionMapReport
{
    /// <summary>Writes the JSON report (UTF-8, indented). Numbers are rounded to four decimals.</summary>
    public static void WriteJson(OpinionMap map, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(map);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteStartArray("participants");
        foreach (var p in map.Participants)
        {
            json.WriteStartObject();
            json.WriteString("id", p.Id);
            if (p.Group is int g)
            {
                json.WriteNumber("group", g);
            }
            else
            {
                json.WriteNull("group");
            }

            json.WriteNumber("x", Round(p.X));
            json.WriteNumber("y", Round(p.Y));
            json.WriteNumber("votes", p.Votes);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("groups");
        foreach (var group in map.Groups)
        {
            json.WriteStartObject();
            json.WriteNumber("id", group.Id);
            json.WriteNumber("size", group.Size);
            json.WriteStartArray("representative");
            foreach (var r in group.Representative)
            {
                json.WriteStartObject();
                json.WriteString("statement", r.Statement);
                json.WriteString("direction", r.Direction);
                json.WriteNumber("p", Round(r.P));
                json.WriteNumber("z", Round(r.Z));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("consensus");
        json.WriteStartArray("agree");
        foreach (var id in map.Consensus.Agree)
        {
            json.WriteStringValue(id);
        }

        json.WriteEndArray();
        json.WriteStartArray("disagree");
        foreach (var id in map.Consensus.Disagree)
        {
            json.WriteStringValue(id);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartArray("statements");
        foreach (var s in map.Statements)
        {
            json.WriteStartObject();
            json.WriteString("id", s.Id);
            json.WriteNumber("agree", s.Agree);
            json.WriteNumber("disagree", s.Disagree);
            json.WriteNumber("pass", s.Pass);
            json.WriteNumber("groupInformedConsensus", Round(s.GroupInformedConsensus));
            if (s.Bridging is double b)
            {
                json.WriteNumber("bridging", Round(b));
            }
            else
            {
                json.WriteNull("bridging");
            }

            json.WriteNumber("priority", Round(s.Priority));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Writes a readable summary: groups with their representative statements, consensus, most bridging statements.</summary>
    public static void WriteText(OpinionMap map, VoteMatrix matrix, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(writer);
        var text = matrix.Statements.ToDictionary(s => s.Id, s => s.Text, StringComparer.Ordinal);
        string Describe(string id) => text.TryGetValue(id, out var t) && !string.IsNullOrWhiteSpace(t)
            ? $"[{id}] {OneLine(t)}"
            : $"[{id}]";
        var clustered = map.Participants.Count(p => p.Group is not null);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{map.Participants.Count} participants, {clustered} clustered, {map.Statements.Count} statements, {map.Groups.Count} groups (silhouette {map.Silhouette:F2})\n");
        foreach (var group in map.Groups)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\nGroup {group.Id}: {group.Size} participants\n");
            foreach (var r in group.Representative)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  {r.Direction,-8} p={r.P:F2} z={r.Z:F2}  {Describe(r.Statement)}\n");
            }
        }

        sb.Append("\nConsensus (agree):\n");
        foreach (var id in map.Consensus.Agree)
        {
            sb.Append("  ").Append(Describe(id)).Append('\n');
        }

        sb.Append("Consensus (disagree):\n");
        foreach (var id in map.Consensus.Disagree)
        {
            sb.Append("  ").Append(Describe(id)).Append('\n');
        }

        sb.Append("\nHighest group-informed consensus:\n");
        foreach (var s in map.Statements.OrderByDescending(s => s.GroupInformedConsensus).ThenBy(s => s.Id, StringComparer.Ordinal).Take(5))
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {s.GroupInformedConsensus:F3}  {Describe(s.Id)}\n");
        }

        if (map.Statements.Any(s => s.Bridging is not null))
        {
            sb.Append("\nMost bridging:\n");
            foreach (var s in map.Statements.OrderByDescending(s => s.Bridging).ThenBy(s => s.Id, StringComparer.Ordinal).Take(5))
            {
                sb.Append(CultureInfo.InvariantCulture, $"  {s.Bridging:F3}  {Describe(s.Id)}\n");
            }
        }

        writer.Write(sb.ToString());
    }

    private static double Round(double value) => double.IsFinite(value) ? Math.Round(value, 4) : 0;

    private static string OneLine(string text)
    {
        var flat = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return flat.Length <= 100 ? flat : flat[..97] + "...";
    }
}
