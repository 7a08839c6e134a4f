using System.Text.Json;

namespace Answerback.Cli.Tests.Counting;

public sealed class CountCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("answerback-count-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Ward(string name) => Path.Combine(TestEnvironment.TestData, "Counting", "scotland", name + ".blt");

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await AnswerbackCli.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Count_BltAsText_PrintsStageTableAndElected()
    {
        var (code, output, error) = await Run("count", Ward("highland_2017_ward1"), "--method", "scottish-stv");

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        Assert.Contains("Quota: 702.00000", output, StringComparison.Ordinal);
        Assert.Contains("Stage 6: exclusion of Russell TAYLOR (C)", output, StringComparison.Ordinal);
        Assert.Contains("Elected: Linda MUNRO (LD), Hugh MORRISON (Ind), Kirsteen CURRIE (SNP)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Count_Json_ReproducesOfficialSheetFigures()
    {
        var (code, output, _) = await Run("count", Ward("edinburgh_2017_ward1"), "--method", "scottish-stv", "--format", "json", "--seed", "42");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("scottish-stv", root.GetProperty("method").GetString());
        Assert.Equal(4, root.GetProperty("seats").GetInt32());
        Assert.Equal("2842.00000", root.GetProperty("quota").GetString());
        Assert.Equal(42, root.GetProperty("seed").GetInt32());
        // Official sheet, stage 2: the second candidate 2727.8, the fourth at the quota 2842.
        var stage2 = root.GetProperty("stages")[1].GetProperty("totals");
        Assert.Equal("2727.80000", stage2[1].GetString());
        Assert.Equal("2842.00000", stage2[3].GetString());
    }

    [Fact]
    public async Task Count_OutputDir_WritesOneReportPerInput()
    {
        var dir = Path.Combine(_folder, "out");

        var (code, output, _) = await Run("count", Ward("highland_2017_ward1"), Ward("renfrewshire_2017_ward3"), "--method", "meek-stv", "--format", "json", "--output-dir", dir);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal(["highland_2017_ward1.json", "renfrewshire_2017_ward3.json"], Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "renfrewshire_2017_ward3.json")));
        Assert.Equal("meek-stv", doc.RootElement.GetProperty("method").GetString());
        Assert.Equal(3, doc.RootElement.GetProperty("elected").GetArrayLength());
    }

    [Fact]
    public async Task Count_CsvCastVoteRecordsWithSeats_CountsPlurality()
    {
        var csv = Write("cvr.csv", "id,rank1,rank2\n1,Ann,Bob\n2,Bob,\n3,Ann,\n4,Cy,Ann\n");

        var (code, output, _) = await Run("count", csv, "--method", "plurality", "--seats", "2", "--format", "csv");

        Assert.Equal(0, code);
        var lines = output.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("stage,action,Ann,Bob,Cy,non-transferable,elected,excluded", lines[0]);
        Assert.StartsWith("1,first preferences,2,1,1,0,", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Count_SeveralFilesAsJsonWithoutOutputDir_PrintsOneJsonArray()
    {
        var (code, output, _) = await Run("count", Ward("highland_2017_ward1"), Ward("renfrewshire_2017_ward3"), "--method", "av", "--format", "json");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(2, doc.RootElement.GetArrayLength());
        Assert.Equal(1, doc.RootElement[0].GetProperty("seats").GetInt32());
    }

    [Theory]
    [InlineData("unknown-candidate.blt", "2 1\n3 1 2 0\n1 3 0\n0\nA\nB\n", ":3: expected a candidate number from 1 to 2, found '3'.")]
    [InlineData("no-terminator.blt", "2 1\n3 1 2\n0\nA\nB\n", ":2: the ballot line does not end with 0.")]
    [InlineData("too-many-seats.blt", "2 3\n3 1 2 0\n0\nA\nB\n", ":1: 3 seats but only 2 candidates.")]
    [InlineData("empty.blt", "", ": the file is empty; expected a first line 'candidates seats'.")]
    [InlineData("weight.blt", "2 1\nten 1 2 0\n0\nA\nB\n", ":2: expected a positive whole-number weight at the start of the ballot, found 'ten'.")]
    public async Task Count_BadBlt_ExitsNonZeroWithOneLineNamingFileAndLine(string name, string text, string expected)
    {
        var path = Write(name, text);

        var (code, output, error) = await Run("count", path, "--method", "scottish-stv");

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"answerback: {path}{expected}\n", error.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Count_SeatsOptionAboveCandidates_NamesFile()
    {
        var (code, _, error) = await Run("count", Ward("highland_2017_ward1"), "--method", "scottish-stv", "--seats", "9");

        Assert.Equal(1, code);
        Assert.Equal($"answerback: {Ward("highland_2017_ward1")}: scottish-stv: 9 seats but only 8 candidates standing.", error.TrimEnd());
    }

    [Fact]
    public async Task Count_UnknownMethod_ListsMethods()
    {
        var (code, _, error) = await Run("count", Ward("highland_2017_ward1"), "--method", "borda");

        Assert.Equal(1, code);
        Assert.StartsWith("answerback: unknown method 'borda'; expected one of plurality, approval, av, scottish-stv", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Count_MissingFile_NamesIt()
    {
        var path = Path.Combine(_folder, "absent.blt");

        var (code, _, error) = await Run("count", path, "--method", "av");

        Assert.Equal(1, code);
        Assert.Equal($"answerback: {path}: no such file.", error.TrimEnd());
    }

    [Fact]
    public async Task Count_EqualRanksUnderStv_ExplainsWhy()
    {
        var path = Write("equal.blt", "3 1\n2 1=2 3 0\n0\nA\nB\nC\n");

        var (code, _, error) = await Run("count", path, "--method", "av");
        var (schulzeCode, schulzeOut, _) = await Run("count", path, "--method", "schulze");

        Assert.Equal(1, code);
        Assert.Contains("ranks 2 candidates equal at rank 1", error, StringComparison.Ordinal);
        Assert.Equal(0, schulzeCode);
        Assert.Contains("Elected:", schulzeOut, StringComparison.Ordinal);
    }
}
