using System.Text.Json;
using Answerback.Testing;

namespace Answerback.Cli.Tests.OpinionMap;

public sealed class OpinionCommandTests : IDisposable
{
    private static readonly string London = Path.Combine(TestEnvironment.TestData, "OpinionMap", "london.youth.policing");
    private static readonly string BowlingGreen = Path.Combine(TestEnvironment.TestData, "OpinionMap", "bg2050-volunteers");
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("answerback-opinion-");

    public void Dispose() => _temp.Delete(recursive: true);

    private static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await AnswerbackCli.RunAsync(args, output, error, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Analyze_PolisExport_JsonWithPublicNames()
    {
        var (exit, output, error) = await Run("opinion", "analyze", BowlingGreen, "--format", "json");

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        var participants = root.GetProperty("participants");
        Assert.Equal(126, participants.GetArrayLength());
        var first = participants[0];
        Assert.Equal(JsonValueKind.String, first.GetProperty("id").ValueKind);
        Assert.True(first.TryGetProperty("x", out _) && first.TryGetProperty("y", out _) && first.TryGetProperty("group", out _));
        Assert.Contains(participants.EnumerateArray(), p => p.GetProperty("group").ValueKind == JsonValueKind.Null);
        var groups = root.GetProperty("groups");
        Assert.Equal(2, groups.GetArrayLength());
        Assert.Equal(108 - 1, groups.EnumerateArray().Sum(g => g.GetProperty("size").GetInt32()));
        var representative = groups[0].GetProperty("representative")[0];
        Assert.Contains(representative.GetProperty("direction").GetString(), new[] { "agree", "disagree" });
        Assert.True(representative.GetProperty("p").GetDouble() > 0.5);
        Assert.True(representative.GetProperty("z").GetDouble() > 1.28);
        Assert.Equal(JsonValueKind.String, representative.GetProperty("statement").ValueKind);
        var consensus = root.GetProperty("consensus");
        Assert.Equal(JsonValueKind.Array, consensus.GetProperty("agree").ValueKind);
        Assert.Equal(JsonValueKind.Array, consensus.GetProperty("disagree").ValueKind);
        var statement = root.GetProperty("statements")[0];
        foreach (var name in new[] { "id", "agree", "disagree", "pass", "groupInformedConsensus", "bridging" })
        {
            Assert.True(statement.TryGetProperty(name, out _), name);
        }

        // Moderated-out statements are not in the analysis.
        Assert.Equal(316, root.GetProperty("statements").GetArrayLength());
    }

    [Fact]
    public async Task Analyze_OutputFileAndText_WritesSummary()
    {
        var file = Path.Combine(_temp.FullName, "report.txt");

        var (exit, output, _) = await Run("opinion", "analyze", London, "--format", "text", "--output", file, "--seed", "3");

        Assert.Equal(0, exit);
        Assert.Equal("", output);
        var text = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        Assert.Contains("participants", text, StringComparison.Ordinal);
        Assert.Contains("Group 0:", text, StringComparison.Ordinal);
        Assert.Contains("Consensus (agree):", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_SameSeed_SameJson()
    {
        var first = await Run("opinion", "analyze", London, "--seed", "7");
        var second = await Run("opinion", "analyze", London, "--seed", "7");

        Assert.Equal(first.Out, second.Out);
    }

    [Fact]
    public async Task Map_Svg_DrawsParticipantsAndLegend()
    {
        var file = Path.Combine(_temp.FullName, "map.svg");

        var (exit, output, _) = await Run("opinion", "map", BowlingGreen, "--svg", file);

        Assert.Equal(0, exit);
        Assert.Contains("2 groups", output, StringComparison.Ordinal);
        var svg = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
        Assert.Contains("Group 0:", svg, StringComparison.Ordinal);
        Assert.Contains("Group 1:", svg, StringComparison.Ordinal);
        Assert.Contains("Not grouped", svg, StringComparison.Ordinal);
        // one dot per participant with votes, plus the group markers and legend swatches
        Assert.True(svg.Split("<circle").Length - 1 >= 126);
        System.Xml.Linq.XDocument.Parse(svg); // well-formed
    }

    [Fact]
    public async Task Export_ThenAnalyze_RoundTripsThroughPolisFormat()
    {
        var target = Path.Combine(_temp.FullName, "out");

        var (exit, _, _) = await Run("opinion", "export", London, "--output-dir", target);
        var again = await Run("opinion", "analyze", target);
        var original = await Run("opinion", "analyze", London);

        Assert.Equal(0, exit);
        Assert.True(File.Exists(Path.Combine(target, "participants-votes.csv")));
        Assert.Equal(original.Out, again.Out);
    }

    [Fact]
    public async Task Analyze_VoteOutOfRange_OneLineErrorWithFileAndLine()
    {
        var folder = Path.Combine(_temp.FullName, "bad");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "comments.csv"), "comment-id,moderated\n0,1\n1,1\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "votes.csv"), "timestamp,comment-id,voter-id,vote\n1,0,a,1\n2,1,a,4\n", TestContext.Current.CancellationToken);

        var (exit, _, error) = await Run("opinion", "analyze", folder);

        Assert.Equal(1, exit);
        Assert.StartsWith("answerback: ", error, StringComparison.Ordinal);
        Assert.Contains("votes.csv:3: vote is 4; expected -1 (disagree), 0 (pass) or 1 (agree)", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Analyze_MissingFolder_ClearError()
    {
        var (exit, _, error) = await Run("opinion", "analyze", Path.Combine(_temp.FullName, "nowhere"));

        Assert.Equal(1, exit);
        Assert.Contains("no such folder", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_UnknownFormat_ClearError()
    {
        var (exit, _, error) = await Run("opinion", "analyze", London, "--format", "xml");

        Assert.Equal(1, exit);
        Assert.Contains("unknown --format 'xml'", error, StringComparison.Ordinal);
    }
}
