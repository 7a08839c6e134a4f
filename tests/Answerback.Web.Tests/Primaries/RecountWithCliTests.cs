extern alias cli;

using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Answerback.Platform.Demo;
using Answerback.Web.Tests.Infrastructure;
using AnswerbackCli = cli::Answerback.Cli.AnswerbackCli;

namespace Answerback.Web.Tests.Primaries;

/// <summary>
/// What anyone can do with a finished primary, done as they would: download the demo's Romsey primary's
/// ballots and board from the API and run the <c>answerback</c> command on them (in-process, the same
/// command code): <c>answerback count</c> gives the identical report to <c>/result</c>, and
/// <c>answerback primary verify-board</c> passes, with a checkpoint saved during voting.
/// </summary>
public sealed class RecountWithCliTests(DemoAppFixture apps) : IClassFixture<DemoAppFixture>, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("answerback-recount-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Count_DownloadedBlt_GivesTheIdenticalReportToTheResult(Provider provider)
    {
        using var visitor = (await apps.AppAsync(provider)).Session();
        var id = await RomseyAsync(visitor);
        var result = JsonNode.Parse(await DownloadAsync(visitor, $"/api/primaries/{id}/result"))!.AsObject();
        var blt = Path.Combine(folder, "ballots.blt");
        await File.WriteAllTextAsync(blt, await DownloadAsync(visitor, $"/api/primaries/{id}/ballots.blt"), TestContext.Current.CancellationToken);

        var (code, output, error) = await RunAsync("count", blt, "--method", result["method"]!.GetValue<string>(),
            "--seed", result["seed"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture), "--format", "json");

        Assert.True(code == 0, error);
        var recount = JsonNode.Parse(output)!;
        Assert.True(JsonNode.DeepEquals(result, recount), recount.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task VerifyBoard_DownloadedBoardWithASavedCheckpoint_Verifies(Provider provider)
    {
        using var visitor = (await apps.AppAsync(provider)).Session();
        var id = await RomseyAsync(visitor);
        var json = await DownloadAsync(visitor, $"/api/primaries/{id}/board");
        var file = Path.Combine(folder, "board.json");
        await File.WriteAllTextAsync(file, json, TestContext.Current.CancellationToken);
        // A checkpoint someone saved at noon on polling day, from the board as it stood then.
        var saved = JsonNode.Parse(json)!["checkpoints"]!.AsArray()[60]!;

        var (code, output, error) = await RunAsync("primary", "verify-board", file,
            "--checkpoint", saved["count"]!.ToString() + ":" + saved["hash"]!.GetValue<string>());

        Assert.True(code == 0, output + error);
        Assert.Contains("Step 3. Count recomputed against the published result: ok", output, StringComparison.Ordinal);
        Assert.Contains("180 published and 1 saved checkpoints", output, StringComparison.Ordinal);
        Assert.EndsWith("The board verifies.\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    private static async Task<Guid> RomseyAsync(WebSession visitor)
    {
        var list = JsonNode.Parse(await DownloadAsync(visitor, "/api/primaries"))!.AsArray();
        var romsey = Assert.Single(list, p => p!["title"]!.GetValue<string>() == DemoData.FinishedPrimaryTitle)!;
        Assert.Equal("result-published", romsey["state"]!.GetValue<string>());
        return romsey["id"]!.GetValue<Guid>();
    }

    private static async Task<string> DownloadAsync(WebSession visitor, string path)
    {
        var response = await visitor.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return response.Html;
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var code = await AnswerbackCli.RunAsync(args, output, error, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }
}
