using System.IO.Compression;
using System.Text;

namespace Answerback.Cli.Tests.SocialAudit;

public sealed class AuditCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "answerback-cli-audit-" + Guid.NewGuid().ToString("N"));

    public AuditCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private const string Header = "message_id,user_id,username,repost_id,reply_id,message,timestamp,urls\n";

    // Three accounts post the same attack within two minutes; u4 posts it an hour later; u1 and u2 repost the same post.
    private const string Csv = Header +
        "1,u1,one,,,\"The council LIED about the budget @cllr\",1000,https://lies.example\n" +
        "2,u2,two,,,the council lied about the budget,1030,https://lies.example\n" +
        "3,u3,three,,,The council lied  about the budget,1100,\n" +
        "4,u4,four,,,the council lied about the budget,4700,\n" +
        "5,u1,one,99,,,1200,\n" +
        "6,u2,two,99,,,1250,\n";

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await AnswerbackCli.RunAsync(args, output, error, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Coordination_CoTextCsv_PrintsDirectedEdgesWithHeader()
    {
        var input = Write("posts.csv", Csv);
        var (code, output, _) = await Run("audit", "coordination", input, "--type", "co-text", "--window", "60");
        Assert.Equal(0, code);
        Assert.Equal("source,target,weight,edge_type\nu1,u2,1,co-text\nu2,u1,1,co-text\n", output);
    }

    [Fact]
    public async Task Coordination_WiderWindowToFileAsGraphMl_WritesTheFile()
    {
        var input = Write("posts.csv", Csv);
        var target = Path.Combine(_dir, "net.graphml");
        var (code, output, error) = await Run("audit", "coordination", input, "--type", "co-repost", "--window", "60", "--format", "graphml", "--output", target);
        Assert.Equal(0, code);
        Assert.Empty(output);
        Assert.Contains("2 edges", error, StringComparison.Ordinal);
        var xml = File.ReadAllText(target);
        Assert.Contains("<edge source=\"u1\" target=\"u2\">", xml, StringComparison.Ordinal);
        Assert.Contains("<data key=\"handle\">one</data>", xml, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetFiles(_dir), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Campaigns_Text_ListsTheThreeAccountCampaign()
    {
        var input = Write("posts.csv", Csv);
        var (code, output, _) = await Run("audit", "campaigns", input, "--window", "120");
        Assert.Equal(0, code);
        Assert.StartsWith("Campaign 1: 3 accounts, 3 posts over 1.7 minutes", output, StringComparison.Ordinal);
        Assert.Contains("text: The council LIED about the budget @cllr", output, StringComparison.Ordinal);
        Assert.DoesNotContain("@four", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_MastodonZip_WritesJsonLinesThatCoordinationReads()
    {
        var zip = Path.Combine(_dir, "archive.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            using var s = archive.CreateEntry("outbox.json").Open();
            s.Write(Encoding.UTF8.GetBytes("""
                {"type":"OrderedCollection","orderedItems":[
                 {"type":"Create","actor":"https://m.example/users/a","object":{"id":"https://m.example/users/a/statuses/1","type":"Note","published":"2024-01-01T10:00:00Z","content":"<p>Hello ward</p>","to":["https://www.w3.org/ns/activitystreams#Public"]}},
                 {"type":"Announce","id":"https://m.example/users/a/statuses/2/activity","actor":"https://m.example/users/a","published":"2024-01-01T10:05:00Z","object":"https://m.example/users/b/statuses/9","to":["https://www.w3.org/ns/activitystreams#Public"]}
                ]}
                """));
        }

        var jsonl = Path.Combine(_dir, "posts.jsonl");
        var (code, _, error) = await Run("audit", "import", zip, "--output", jsonl);
        Assert.Equal(0, code);
        Assert.Contains("wrote 2 posts", error, StringComparison.Ordinal);
        var lines = File.ReadAllLines(jsonl);
        Assert.Equal(2, lines.Length);
        Assert.Contains("\"kind\":\"repost\"", lines[1], StringComparison.Ordinal);
        var (code2, output2, _) = await Run("audit", "metrics", jsonl, "--format", "csv");
        Assert.Equal(0, code2);
        Assert.Contains("mastodon,https://m.example/users/a,a,,,,all,2,1,0,0,1,0,", output2, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_WithRegistry_ShowsWardsWithoutActivity()
    {
        var input = Write("posts.csv", Csv);
        var registry = Write("registry.csv", "network,handle,person,role,party,area_code\ncsv,one,Ann One,councillor,Blue,W1\ncsv,nobody,Ned Body,councillor,Red,W2\n");
        var (code, output, _) = await Run("audit", "metrics", input, "--registry", registry);
        Assert.Equal(0, code);
        Assert.Contains("Ann One (Blue, W1) @one [csv] all: 2 posts", output, StringComparison.Ordinal);
        Assert.Contains("W2: NO ACTIVITY", output, StringComparison.Ordinal);
        Assert.Contains("posts in campaigns 1 (50%)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Coordination_MalformedCsv_OneLineErrorWithFileAndLine()
    {
        var input = Write("bad.csv", Header + "1,u1,one,,,\"unterminated,1000,\n");
        var (code, output, error) = await Run("audit", "coordination", input, "--type", "co-text", "--window", "60");
        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.StartsWith($"answerback: {input}:2:12: a quoted field is not closed", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_BadInput_LeavesNoOutputFile()
    {
        var input = Write("bad.csv", Header + "1,u1,one,,,x,notatime,\n");
        var target = Path.Combine(_dir, "out.jsonl");
        var (code, _, error) = await Run("audit", "import", input, "--output", target);
        Assert.Equal(1, code);
        Assert.Contains(":2: timestamp 'notatime'", error, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task Coordination_JsonFormat_ListsEdgesWithType()
    {
        var input = Write("posts.csv", Csv);
        var (code, output, _) = await Run("audit", "coordination", input, "--type", "co-link", "--window", "60", "--format", "json");
        Assert.Equal(0, code);
        using var doc = System.Text.Json.JsonDocument.Parse(output);
        var edges = doc.RootElement.GetProperty("edges").EnumerateArray()
            .Select(e => (e.GetProperty("source").GetString(), e.GetProperty("target").GetString(), e.GetProperty("weight").GetInt32(), e.GetProperty("edge_type").GetString()))
            .ToList();
        Assert.Equal([("u1", "u2", 1, "co-link"), ("u2", "u1", 1, "co-link")], edges);
    }

    [Fact]
    public async Task Campaigns_Csv_OneRowPerCampaign()
    {
        var input = Write("posts.csv", Csv);
        var (code, output, _) = await Run("audit", "campaigns", input, "--window", "120", "--format", "csv");
        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("campaign,earliest_post,earliest_time,accounts,posts,spread_minutes,near_identical,account_ids,text", lines[0]);
        Assert.Equal("1,1,1970-01-01T00:16:40Z,3,3,1.67,false,u1 u2 u3,The council LIED about the budget @cllr", lines[1]);
        Assert.Equal(2, lines.Length);
    }

    [Fact]
    public async Task Coordination_UnknownType_IsRejectedByTheParser()
    {
        var input = Write("posts.csv", Csv);
        var (code, _, error) = await Run("audit", "coordination", input, "--type", "co-hashtag", "--window", "60");
        Assert.NotEqual(0, code);
        Assert.Contains("co-hashtag", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Coordination_MissingInput_IsAClearError()
    {
        var (code, _, error) = await Run("audit", "coordination", Path.Combine(_dir, "nope.csv"), "--type", "co-text", "--window", "60");
        Assert.Equal(1, code);
        Assert.Contains("nope.csv: no such file or folder", error, StringComparison.Ordinal);
    }
}
