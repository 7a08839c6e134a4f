
namespace Answerback.Cli.Tests.Counting;

/// <summary>
/// Several files in one command are counted in parallel and their reports written together: the bytes must be
/// those of counting each file on its own, and a bad file must be reported as a one-at-a-time run would.
/// </summary>
public sealed class CountManyFilesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("answerback-count-many-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string[] LocalBallotFiles() =>
        [.. Directory.GetFiles(Path.Combine(TestEnvironment.TestData, "Counting", "scotland"), "*.blt").Order(StringComparer.Ordinal),
         Path.Combine(TestEnvironment.TestData, "Counting", "example.blt")];

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await AnswerbackCli.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private async Task AssertTogetherEqualsOneAtATime(string[] files, string method, string format)
    {
        var together = Path.Combine(_folder, "together-" + format);
        var alone = Path.Combine(_folder, "alone-" + format);

        var (code, _, error) = await Run(["count", .. files, "--method", method, "--format", format, "--output-dir", together]);
        Assert.True(code == 0, error);
        foreach (var file in files)
        {
            var (oneCode, _, oneError) = await Run("count", file, "--method", method, "--format", format, "--output-dir", alone);
            Assert.True(oneCode == 0, oneError);
        }

        var names = Directory.GetFiles(alone).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(files.Length, names.Count);
        Assert.Equal(names, Directory.GetFiles(together).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var name in names)
        {
            Assert.True(
                File.ReadAllBytes(Path.Combine(alone, name!)).SequenceEqual(File.ReadAllBytes(Path.Combine(together, name!))),
                $"{name}: the report written with the other files differs from the one written alone.");
        }
    }

    [Theory]
    [InlineData("scottish-stv", "json")]
    [InlineData("scottish-stv", "text")]
    [InlineData("meek-stv", "csv")]
    public async Task Count_SeveralFilesToOutputDir_SameBytesAsOneAtATime(string method, string format) =>
        await AssertTogetherEqualsOneAtATime(LocalBallotFiles(), method, format);

    [Fact]
    public async Task Count_SharedScottishWards_SameBytesAsOneAtATime()
    {
        var blt = Path.Combine(TestEnvironment.RequireSharedData(), "stv", "blt");
        // Forty wards in path order: enough for both cores to interleave files of different sizes.
        var files = Directory.GetFiles(blt, "*_2017_ward*.blt", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Take(40).ToArray();

        await AssertTogetherEqualsOneAtATime(files, "scottish-stv", "json");
    }

    [Fact]
    public async Task Count_SeveralFilesAsText_PrintsEachReportInInputOrder()
    {
        var files = LocalBallotFiles();

        var (code, output, _) = await Run(["count", .. files, "--method", "scottish-stv"]);

        Assert.Equal(0, code);
        var alone = new List<string>();
        foreach (var file in files)
        {
            alone.Add((await Run("count", file, "--method", "scottish-stv")).Out);
        }

        Assert.Equal(string.Join("\n", alone), output);
    }

    [Fact]
    public async Task Count_BadFilesAmongGood_NamesFirstBadInInputOrderAndWritesNoReport()
    {
        var firstBad = Path.Combine(_folder, "first-bad.blt");
        var secondBad = Path.Combine(_folder, "second-bad.blt");
        File.WriteAllText(firstBad, "2 1\n3 1 2\n0\nA\nB\n");
        File.WriteAllText(secondBad, "2 1\nten 1 2 0\n0\nA\nB\n");
        var good = LocalBallotFiles();
        var dir = Path.Combine(_folder, "out");

        var (code, output, error) = await Run(["count", .. good[..2], secondBad, firstBad, .. good[2..], "--method", "scottish-stv", "--output-dir", dir]);

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"answerback: {secondBad}:2: expected a positive whole-number weight at the start of the ballot, found 'ten'.\n", error.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.False(Directory.Exists(dir) && Directory.EnumerateFiles(dir).Any(), "no report is written when a file cannot be counted");
    }
}
