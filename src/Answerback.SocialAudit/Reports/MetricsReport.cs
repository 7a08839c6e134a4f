using System.Text.Json;

namespace Answerback.SocialAudit;

/// <summary>Writes the broadcast-versus-conversation metrics and the presence per area: text, CSV or JSON.</summary>
public static class MetricsReport
{
    /// <summary>Writes the metrics, and the presence per area when a registry was given, in the format (text, CSV or JSON).</summary>
    public static void Write(TextWriter writer, IReadOnlyList<AccountMetrics> metrics, IReadOnlyList<AreaPresence>? presence, ReportFormat format)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (format == ReportFormat.GraphMl)
        {
            throw new ArgumentOutOfRangeException(nameof(format), "GraphML is for coordination networks");
        }

        switch (format)
        {
            case ReportFormat.Csv:
                writer.Write("network,account_id,handle,person,party,area_code,period,posts,originals,replies,thread_continuations,reposts,quotes,reply_share,replies_to_representatives,replies_to_citizens,replies_to_unknown,replies_received,replies_answered,answered_share,median_response_minutes,p90_response_minutes,campaign_posts,campaign_share\n");
                foreach (var m in metrics)
                {
                    writer.Write(string.Join(',', ReportText.Csv(m.Network), ReportText.Csv(m.AccountId), ReportText.Csv(m.Handle), ReportText.Csv(m.Representative?.Person ?? ""), ReportText.Csv(m.Representative?.Party ?? ""),
                        ReportText.Csv(m.Representative?.AreaCode ?? ""), m.Period, ReportText.N(m.Posts), ReportText.N(m.Originals), ReportText.N(m.Replies), ReportText.N(m.ThreadContinuations), ReportText.N(m.Reposts), ReportText.N(m.Quotes),
                        ReportText.F(m.ReplyShare), ReportText.N(m.RepliesToRepresentatives), ReportText.N(m.RepliesToCitizens), ReportText.N(m.RepliesToUnknown), ReportText.N(m.RepliesReceived), ReportText.N(m.RepliesAnswered),
                        ReportText.F(m.AnsweredShare), ReportText.Minutes(m.MedianResponse), ReportText.Minutes(m.Percentile90Response), ReportText.N(m.CampaignPosts), ReportText.F(m.CampaignShare)));
                    writer.Write('\n');
                }

                break;
            case ReportFormat.Json:
                ReportText.Json(writer, json =>
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
                });

                break;
            default:
                foreach (var m in metrics)
                {
                    var who = m.Representative is { } r ? $"{r.Person} ({r.Party}, {r.AreaCode}) " : "";
                    writer.WriteLine($"{who}@{m.Handle} [{m.Network}] {m.Period}: {ReportText.N(m.Posts)} posts");
                    writer.WriteLine($"  originals {ReportText.N(m.Originals)} ({ReportText.P(m.OriginalShare)}), replies {ReportText.N(m.Replies)} ({ReportText.P(m.ReplyShare)}), reposts {ReportText.N(m.Reposts)} ({ReportText.P(m.RepostShare)}), quotes {ReportText.N(m.Quotes)} ({ReportText.P(m.QuoteShare)}), thread continuations {ReportText.N(m.ThreadContinuations)}");
                    writer.WriteLine($"  replies to representatives {ReportText.N(m.RepliesToRepresentatives)}, to citizens {ReportText.N(m.RepliesToCitizens)}, to unknown {ReportText.N(m.RepliesToUnknown)}");
                    writer.WriteLine($"  replies received {ReportText.N(m.RepliesReceived)}, answered {ReportText.N(m.RepliesAnswered)} ({ReportText.P(m.AnsweredShare)}), median response {ReportText.Minutes(m.MedianResponse, "-")} min, 90th percentile {ReportText.Minutes(m.Percentile90Response, "-")} min");
                    writer.WriteLine($"  posts in campaigns {ReportText.N(m.CampaignPosts)} ({ReportText.P(m.CampaignShare)})");
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
                            writer.WriteLine($"    {entry.Person} ({entry.Role}, {(entry.Party.Length == 0 ? "independent" : entry.Party)}) {account}: {ReportText.N(m?.Posts ?? 0)} posts, {ReportText.N(m?.Replies ?? 0)} replies");
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
}
