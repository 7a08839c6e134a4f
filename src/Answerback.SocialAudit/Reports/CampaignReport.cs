using System.Globalization;

namespace Answerback.SocialAudit;

/// <summary>Writes the campaigns found by <see cref="CampaignFinder"/>: text, CSV or JSON.</summary>
public static class CampaignReport
{
    /// <summary>Writes the campaigns in the format (text, CSV or JSON).</summary>
    public static void Write(TextWriter writer, IReadOnlyList<Campaign> campaigns, ReportFormat format)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (format == ReportFormat.GraphMl)
        {
            throw new ArgumentOutOfRangeException(nameof(format), "GraphML is for coordination networks");
        }

        switch (format)
        {
            case ReportFormat.Csv:
                writer.Write("campaign,earliest_post,earliest_time,accounts,posts,spread_minutes,near_identical,account_ids,text\n");
                for (var i = 0; i < campaigns.Count; i++)
                {
                    var c = campaigns[i];
                    writer.Write(string.Join(',',
                        (i + 1).ToString(CultureInfo.InvariantCulture), ReportText.Csv(c.Earliest.Id), ReportText.Time(c.Earliest.Time),
                        c.Accounts.Count.ToString(CultureInfo.InvariantCulture), c.Posts.Count.ToString(CultureInfo.InvariantCulture),
                        c.SpreadMinutes.ToString("0.##", CultureInfo.InvariantCulture), c.NearIdentical ? "true" : "false",
                        ReportText.Csv(string.Join(' ', c.Accounts)), ReportText.Csv(c.Text)));
                    writer.Write('\n');
                }

                break;
            case ReportFormat.Json:
                ReportText.Json(writer, json =>
                {
                    json.WriteStartArray();
                    foreach (var c in campaigns)
                    {
                        json.WriteStartObject();
                        json.WriteString("text", c.Text);
                        json.WriteString("earliest_post", c.Earliest.Id);
                        json.WriteString("earliest_account", c.Earliest.AccountId);
                        json.WriteString("earliest_time", ReportText.Time(c.Earliest.Time));
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
                            json.WriteString("time", ReportText.Time(p.Time));
                            json.WriteEndObject();
                        }

                        json.WriteEndArray();
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                });

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
                    writer.WriteLine("  text: " + ReportText.OneLine(c.Text));
                    foreach (var p in c.Posts)
                    {
                        writer.WriteLine($"  {ReportText.Time(p.Time)}  {(p.Handle.Length > 0 ? "@" + p.Handle : p.AccountId)}  {p.Id}");
                    }
                }

                break;
        }
    }
}
