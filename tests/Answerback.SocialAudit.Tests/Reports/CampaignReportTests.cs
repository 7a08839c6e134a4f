using System.Text;
using System.Text.Json;

namespace Answerback.SocialAudit.Tests.Reports;

public class CampaignReportTests
{
    private const string Csv = "message_id,user_id,username,repost_id,reply_id,message,timestamp,urls\n" +
        "1,u1,one,,,\"The council LIED about the budget @cllr\",1000,https://lies.example\n" +
        "2,u2,two,,,the council lied about the budget,1030,https://lies.example\n" +
        "3,u3,three,,,The council lied  about the budget,1100,\n" +
        "4,u4,four,,,the council lied about the budget,4700,\n";

    private static List<Campaign> Campaigns()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Csv));
        var posts = PostSources.Read(stream, "upload.csv");
        return [.. CampaignFinder.Find(posts, new CampaignOptions { Window = TimeSpan.FromSeconds(120), MinAccounts = 3 })];
    }

    [Fact]
    public void Write_Csv_OneRowPerCampaign()
    {
        using var writer = new StringWriter();
        CampaignReport.Write(writer, Campaigns(), ReportFormat.Csv);
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("campaign,earliest_post,earliest_time,accounts,posts,spread_minutes,near_identical,account_ids,text", lines[0]);
        Assert.Equal("1,1,1970-01-01T00:16:40Z,3,3,1.67,false,u1 u2 u3,The council LIED about the budget @cllr", lines[1]);
        Assert.Equal(2, lines.Length);
    }

    [Fact]
    public void Write_Json_NamesEarliestPostAndAccounts()
    {
        using var writer = new StringWriter();
        CampaignReport.Write(writer, Campaigns(), ReportFormat.Json);
        using var doc = JsonDocument.Parse(writer.ToString());
        var campaign = Assert.Single(doc.RootElement.EnumerateArray());
        Assert.Equal("1", campaign.GetProperty("earliest_post").GetString());
        Assert.Equal(["u1", "u2", "u3"], campaign.GetProperty("accounts").EnumerateArray().Select(a => a.GetString()));
    }
}
