using System.Text.Json.Nodes;
using Answerback.Platform.Primaries;

namespace Answerback.Cli.Tests.Primaries;

public sealed class PrimaryCommandTests : IDisposable
{
    private const string H2 = "1e6062dc92b77d3242b10c0c16cfe2d65ed9808bdd91663128e5280727159a5d";

    private readonly string _folder = Directory.CreateTempSubdirectory("answerback-primary-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Example => Path.Combine(TestEnvironment.TestData, "Primaries", "worked-example.board.json");

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await AnswerbackCli.RunAsync(args, output, error, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }

    private string Tampered(Func<JsonObject, JsonObject> change)
    {
        var board = JsonNode.Parse(File.ReadAllText(Example))!.AsObject();
        var path = Path.Combine(_folder, "tampered.board.json");
        File.WriteAllText(path, change(board).ToJsonString());
        return path;
    }

    [Fact]
    public async Task VerifyBoard_WorkedExample_PrintsEveryStepAndExitsZero()
    {
        var (code, output, error) = await Run("primary", "verify-board", Example);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        Assert.Contains("Board of primary example-primary: Example ward candidate", output, StringComparison.Ordinal);
        Assert.Contains("Step 1. Chain from h(0) through every entry to the head: ok", output, StringComparison.Ordinal);
        Assert.Contains("Step 2. Commitments against the published ballots and salts: ok", output, StringComparison.Ordinal);
        Assert.Contains("Step 3. Count recomputed against the published result: ok", output, StringComparison.Ordinal);
        Assert.Contains("elected: Bob Jones", output, StringComparison.Ordinal);
        Assert.Contains("Step 4. Checkpoints are earlier heads of this chain: ok", output, StringComparison.Ordinal);
        Assert.EndsWith("The board verifies.\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyBoard_SavedCheckpoints_CheckedAsPrefixes()
    {
        var (code, output, _) = await Run("primary", "verify-board", Example, "--checkpoint", "2:" + H2, "--checkpoint", "0:f10c72a180f7cf79c1e9275fba75e4256f708a36d923391ae9d106e847211ef6");

        Assert.Equal(0, code);
        Assert.Contains("2 published and 2 saved checkpoints", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyBoard_CheckpointNotOfThisBoard_FailsNamingTheEntry()
    {
        var (code, output, error) = await Run("primary", "verify-board", Example, "--checkpoint", "2:" + new string('a', 64));

        Assert.Equal(1, code);
        Assert.Contains("Step 4. Checkpoints are earlier heads of this chain: FAILED", output, StringComparison.Ordinal);
        Assert.Contains("entry 2: saved checkpoint 2:aaaa", output, StringComparison.Ordinal);
        Assert.Contains("does not verify: step 4 (checkpoints are earlier heads of this chain) fails at entry 2", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyBoard_BallotChanged_FailsAtThatEntry()
    {
        var file = Tampered(board =>
        {
            board["entries"]![2]!["ballot"] = "1 3";
            return board;
        });

        var (code, output, error) = await Run("primary", "verify-board", file);

        Assert.Equal(1, code);
        Assert.Contains("Step 1. Chain from h(0) through every entry to the head: ok", output, StringComparison.Ordinal);
        Assert.Contains("Step 2. Commitments against the published ballots and salts: FAILED\n  entry 3:", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("step 2 (commitments against the published ballots and salts) fails at entry 3", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyBoard_EntryRemoved_FailsAtThatEntry()
    {
        var file = Tampered(board =>
        {
            board["entries"]!.AsArray().RemoveAt(1);
            return board;
        });

        var (code, output, error) = await Run("primary", "verify-board", file);

        Assert.Equal(1, code);
        Assert.Contains("entry 2: it is numbered 3", output, StringComparison.Ordinal);
        Assert.Contains("step 1 (chain from h(0) through every entry to the head) fails at entry 2", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ not json", "not a bulletin board")]
    [InlineData("{\"format\":\"answerback-board-v1\"}", "missing required properties")]
    public async Task VerifyBoard_NotABoard_ExitsTwoNamingTheFile(string content, string expected)
    {
        var file = Path.Combine(_folder, "bad.json");
        File.WriteAllText(file, content);

        var (code, output, error) = await Run("primary", "verify-board", file);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("answerback: " + file, error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyBoard_MissingFile_ExitsTwo()
    {
        var (code, _, error) = await Run("primary", "verify-board", Path.Combine(_folder, "none.json"));

        Assert.Equal(2, code);
        Assert.Contains("cannot read the file", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyBoard_BadCheckpointArgument_ExitsTwo()
    {
        var (code, _, error) = await Run("primary", "verify-board", Example, "--checkpoint", "2-" + H2);

        Assert.Equal(2, code);
        Assert.Contains("--checkpoint '2-", error, StringComparison.Ordinal);
        Assert.Contains("expected N:HASH", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyBoard_Help_DescribesTheStepsAndCheckpoints()
    {
        var (code, output, _) = await Run("primary", "verify-board", "--help");

        Assert.Equal(0, code);
        Assert.Contains("--checkpoint", output, StringComparison.Ordinal);
        Assert.Contains("N:HASH", output, StringComparison.Ordinal);
        Assert.Contains("(3) the count recomputed against the published result", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Count_BoardsBlt_GivesTheReportPublishedOnTheBoard()
    {
        var board = BoardDocument.Read(Example);
        var blt = Path.Combine(_folder, "ballots.blt");
        using (var writer = new StreamWriter(blt))
        {
            BoardCount.WriteBlt(board, writer);
        }

        var (code, output, _) = await Run("count", blt, "--method", board.Method, "--seed", board.Result!["seed"]!.ToJsonString(), "--format", "json");

        Assert.Equal(0, code);
        Assert.True(JsonNode.DeepEquals(board.Result, JsonNode.Parse(output)), output);
    }
}
