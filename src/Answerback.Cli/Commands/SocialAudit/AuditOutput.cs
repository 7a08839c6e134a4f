using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using Answerback.SocialAudit;

namespace Answerback.Cli.Commands.SocialAudit;

/// <summary>The output formats of <c>answerback audit</c>. Files are written whole or not at all (temp file, then move).</summary>
internal static class AuditOutput
{
    public static CoordinationType ParseType(string name) => name switch
    {
        "co-text" => CoordinationType.CoText,
        "co-similar" => CoordinationType.CoSimilar,
        "co-repost" => CoordinationType.CoRepost,
        "co-link" => CoordinationType.CoLink,
        "co-reply" => CoordinationType.CoReply,
        _ => throw new CliException($"unknown --type '{name}'"),
    };

    public static string TypeName(CoordinationType type) => type switch
    {
        CoordinationType.CoText => "co-text",
        CoordinationType.CoSimilar => "co-similar",
        CoordinationType.CoRepost => "co-repost",
        CoordinationType.CoLink => "co-link",
        _ => "co-reply",
    };

    public static Dictionary<string, string> Handles(IEnumerable<Post> posts)
    {
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

    /// <summary>Writes to the file (atomically) or to standard output.</summary>
    public static void Write(CliContext context, string? path, Action<TextWriter> write)
    {
        if (path is null)
        {
            write(context.Output);
            context.Output.Flush();
            return;
        }

        WriteFile(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
            write(writer);
        });
    }

    /// <summary>Writes a temp file beside the target and moves it into place, so a failure leaves nothing half written.</summary>
    public static void WriteFile(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
        {
            throw new CliException($"{path}: the folder {folder} does not exist");
        }

        var temp = Path.Combine(folder, "." + Path.GetFileName(full) + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                write(stream);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    public static void WriteEdgesCsv(TextWriter writer, IReadOnlyList<CoordinationEdge> edges)
    {
        writer.Write("source,target,weight,edge_type\n");
        foreach (var e in edges)
        {
            writer.Write($"{Csv(e.Source)},{Csv(e.Target)},{e.Weight.ToString(CultureInfo.InvariantCulture)},{TypeName(e.Type)}\n");
        }
    }

    public static void WriteEdgesJson(TextWriter writer, IReadOnlyList<CoordinationEdge> edges)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("edges");
            foreach (var e in edges)
            {
                json.WriteStartObject();
                json.WriteString("source", e.Source);
                json.WriteString("target", e.Target);
                json.WriteNumber("weight", e.Weight);
                json.WriteString("edge_type", TypeName(e.Type));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        writer.Write(Encoding.UTF8.GetString(stream.ToArray()));
        writer.Write('\n');
    }

    public static void WriteGraphMl(TextWriter writer, IReadOnlyList<CoordinationEdge> edges, Dictionary<string, string> handles)
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
            xml.WriteString(TypeName(e.Type));
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.Flush();
        writer.Write('\n');
    }

    public static void WriteCampaigns(TextWriter writer, IReadOnlyList<Campaign> campaigns, string format)
    {
        switch (format)
        {
            case "csv":
                writer.Write("campaign,earliest_post,earliest_time,accounts,posts,spread_minutes,near_identical,account_ids,text\n");
                for (var i = 0; i < campaigns.Count; i++)
                {
                    var c = campaigns[i];
                    writer.Write(string.Join(',',
                        (i + 1).ToString(CultureInfo.InvariantCulture), Csv(c.Earliest.Id), Time(c.Earliest.Time),
                        c.Accounts.Count.ToString(CultureInfo.InvariantCulture), c.Posts.Count.ToString(CultureInfo.InvariantCulture),
                        c.SpreadMinutes.ToString("0.##", CultureInfo.InvariantCulture), c.NearIdentical ? "true" : "false",
                        Csv(string.Join(' ', c.Accounts)), Csv(c.Text)));
                    writer.Write('\n');
                }

                break;
            case "json":
                using (var stream = new MemoryStream())
                {
                    using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
                    {
                        json.WriteStartArray();
                        foreach (var c in campaigns)
                        {
                            json.WriteStartObject();
                            json.WriteString("text", c.Text);
                            json.WriteString("earliest_post", c.Earliest.Id);
                            json.WriteString("earliest_account", c.Earliest.AccountId);
                            json.WriteString("earliest_time", Time(c.Earliest.Time));
                            json.WriteNumber("spread_minutes", Math.Round(c.SpreadMinutes, 2));
                            json.WriteBoolean("near_identical", c.NearIdentical);
                            json.WriteStartArray("accounts");
                            foreach (var a in c.Accounts)
                            {
                                json.WriteStringValue(a);
                            }

                            json.WriteEndArray();
                            json.WriteStartArray("posts");
                            foreach (var p in c.Posts)
                            {
                                json.WriteStartObject();
                                json.WriteString("id", p.Id);
                                json.WriteString("account", p.AccountId);
                                json.WriteString("time", Time(p.Time));
                                json.WriteEndObject();
                            }

                            json.WriteEndArray();
                            json.WriteEndObject();
                        }

                        json.WriteEndArray();
                    }

                    writer.Write(Encoding.UTF8.GetString(stream.ToArray()));
                    writer.Write('\n');
                }

                break;
            default:
                if (campaigns.Count == 0)
                {
                    writer.WriteLine("No campaigns found.");
                }

                for (var i = 0; i < campaigns.Count; i++)
                {
                    var c = campaigns[i];
                    writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"Campaign {i + 1}: {c.Accounts.Count} accounts, {c.Posts.Count} posts over {c.SpreadMinutes:0.#} minutes{(c.NearIdentical ? " (near-identical)" : "")}"));
                    writer.WriteLine("  text: " + OneLine(c.Text));
                    foreach (var p in c.Posts)
                    {
                        writer.WriteLine($"  {Time(p.Time)}  {(p.Handle.Length > 0 ? "@" + p.Handle : p.AccountId)}  {p.Id}");
                    }
                }

                break;
        }
    }

    public static void WriteMetrics(TextWriter writer, IReadOnlyList<AccountMetrics> metrics, IReadOnlyList<AreaPresence>? presence, string format)
    {
        switch (format)
        {
            case "csv":
                writer.Write("network,account_id,handle,person,party,area_code,period,posts,originals,replies,thread_continuations,reposts,quotes,reply_share,replies_to_representatives,replies_to_citizens,replies_to_unknown,replies_received,replies_answered,answered_share,median_response_minutes,p90_response_minutes,campaign_posts,campaign_share\n");
                foreach (var m in metrics)
                {
                    writer.Write(string.Join(',', Csv(m.Network), Csv(m.AccountId), Csv(m.Handle), Csv(m.Representative?.Person ?? ""), Csv(m.Representative?.Party ?? ""),
                        Csv(m.Representative?.AreaCode ?? ""), m.Period, N(m.Posts), N(m.Originals), N(m.Replies), N(m.ThreadContinuations), N(m.Reposts), N(m.Quotes),
                        F(m.ReplyShare), N(m.RepliesToRepresentatives), N(m.RepliesToCitizens), N(m.RepliesToUnknown), N(m.RepliesReceived), N(m.RepliesAnswered),
                        F(m.AnsweredShare), Minutes(m.MedianResponse), Minutes(m.Percentile90Response), N(m.CampaignPosts), F(m.CampaignShare)));
                    writer.Write('\n');
                }

                break;
            case "json":
                using (var stream = new MemoryStream())
                {
                    using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
                    {
                        json.WriteStartObject();
                        json.WriteStartArray("accounts");
                        foreach (var m in metrics)
                        {
                            WriteMetricsJson(json, m);
                        }

                        json.WriteEndArray();
                        if (presence is not null)
                        {
                            json.WriteStartArray("areas");
                            foreach (var area in presence)
                            {
                                json.WriteStartObject();
                                json.WriteString("area_code", area.AreaCode);
                                json.WriteBoolean("has_presence", area.HasPresence);
                                json.WriteStartArray("members");
                                foreach (var (entry, m) in area.Members)
                                {
                                    json.WriteStartObject();
                                    json.WriteString("person", entry.Person);
                                    json.WriteString("role", entry.Role);
                                    json.WriteString("party", entry.Party);
                                    json.WriteString("network", entry.Network);
                                    json.WriteString("handle", entry.Handle);
                                    json.WriteNumber("posts", m?.Posts ?? 0);
                                    json.WriteNumber("replies", m?.Replies ?? 0);
                                    json.WriteEndObject();
                                }

                                json.WriteEndArray();
                                json.WriteEndObject();
                            }

                            json.WriteEndArray();
                        }

                        json.WriteEndObject();
                    }

                    writer.Write(Encoding.UTF8.GetString(stream.ToArray()));
                    writer.Write('\n');
                }

                break;
            default:
                foreach (var m in metrics)
                {
                    var who = m.Representative is { } r ? $"{r.Person} ({r.Party}, {r.AreaCode}) " : "";
                    writer.WriteLine($"{who}@{m.Handle} [{m.Network}] {m.Period}: {N(m.Posts)} posts");
                    writer.WriteLine($"  originals {N(m.Originals)} ({P(m.OriginalShare)}), replies {N(m.Replies)} ({P(m.ReplyShare)}), reposts {N(m.Reposts)} ({P(m.RepostShare)}), quotes {N(m.Quotes)} ({P(m.QuoteShare)}), thread continuations {N(m.ThreadContinuations)}");
                    writer.WriteLine($"  replies to representatives {N(m.RepliesToRepresentatives)}, to citizens {N(m.RepliesToCitizens)}, to unknown {N(m.RepliesToUnknown)}");
                    writer.WriteLine($"  replies received {N(m.RepliesReceived)}, answered {N(m.RepliesAnswered)} ({P(m.AnsweredShare)}), median response {Minutes(m.MedianResponse, "-")} min, 90th percentile {Minutes(m.Percentile90Response, "-")} min");
                    writer.WriteLine($"  posts in campaigns {N(m.CampaignPosts)} ({P(m.CampaignShare)})");
                }

                if (presence is not null)
                {
                    writer.WriteLine();
                    writer.WriteLine("Presence by area:");
                    foreach (var area in presence)
                    {
                        writer.WriteLine($"  {area.AreaCode}: {(area.Members.Count == 0 ? "no representatives listed" : area.HasPresence ? "active" : "NO ACTIVITY")}");
                        foreach (var (entry, m) in area.Members)
                        {
                            var account = entry.Handle.Length == 0 ? "no account" : $"@{entry.Handle} [{entry.Network}]";
                            writer.WriteLine($"    {entry.Person} ({entry.Role}, {(entry.Party.Length == 0 ? "independent" : entry.Party)}) {account}: {N(m?.Posts ?? 0)} posts, {N(m?.Replies ?? 0)} replies");
                        }
                    }
                }

                break;
        }
    }

    private static void WriteMetricsJson(Utf8JsonWriter json, AccountMetrics m)
    {
        json.WriteStartObject();
        json.WriteString("network", m.Network);
        json.WriteString("account_id", m.AccountId);
        json.WriteString("handle", m.Handle);
        if (m.Representative is { } r)
        {
            json.WriteString("person", r.Person);
            json.WriteString("party", r.Party);
            json.WriteString("area_code", r.AreaCode);
        }

        json.WriteString("period", m.Period);
        json.WriteNumber("posts", m.Posts);
        json.WriteNumber("originals", m.Originals);
        json.WriteNumber("replies", m.Replies);
        json.WriteNumber("thread_continuations", m.ThreadContinuations);
        json.WriteNumber("reposts", m.Reposts);
        json.WriteNumber("quotes", m.Quotes);
        json.WriteNumber("reply_share", Math.Round(m.ReplyShare, 4));
        json.WriteNumber("replies_to_representatives", m.RepliesToRepresentatives);
        json.WriteNumber("replies_to_citizens", m.RepliesToCitizens);
        json.WriteNumber("replies_to_unknown", m.RepliesToUnknown);
        json.WriteNumber("replies_received", m.RepliesReceived);
        json.WriteNumber("replies_answered", m.RepliesAnswered);
        json.WriteNumber("answered_share", Math.Round(m.AnsweredShare, 4));
        if (m.MedianResponse is { } median)
        {
            json.WriteNumber("median_response_minutes", Math.Round(median.TotalMinutes, 2));
        }

        if (m.Percentile90Response is { } p90)
        {
            json.WriteNumber("p90_response_minutes", Math.Round(p90.TotalMinutes, 2));
        }

        json.WriteNumber("campaign_posts", m.CampaignPosts);
        json.WriteNumber("campaign_share", Math.Round(m.CampaignShare, 4));
        json.WriteEndObject();
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string F(double x) => x.ToString("0.####", CultureInfo.InvariantCulture);

    private static string P(double x) => (x * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string Minutes(TimeSpan? t, string none = "") => t is { } v ? v.TotalMinutes.ToString("0.##", CultureInfo.InvariantCulture) : none;

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string OneLine(string s) => s.ReplaceLineEndings(" ");

    private static string Csv(string s) =>
        s.AsSpan().IndexOfAny(",\"\r\n") < 0 ? s : "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
