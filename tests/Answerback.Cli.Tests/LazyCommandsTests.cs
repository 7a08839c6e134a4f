using System.CommandLine;

namespace Answerback.Cli.Tests;

/// <summary>
/// The command line is built lazily (only the command invoked in full) and the native engines build runs
/// the platform's commands through the full one; neither may change what users see.
/// </summary>
public sealed class LazyCommandsTests
{
    private static readonly CliContext Context = new(TextWriter.Null, TextWriter.Null);

    [Fact]
    public void TopLevelCommands_EachNameDescriptionAndArguments_AreTheBuiltCommands()
    {
        var root = AnswerbackCli.Build(Context);

        Assert.Equal(
            AnswerbackCli.TopLevelCommands.Select(c => (c.Name, c.Description, string.Join(' ', c.Arguments ?? []))),
            root.Subcommands.Select(c => (c.Name, c.Description ?? "", string.Join(' ', c.Arguments.Select(a => a.Name)))));
    }

    [Fact]
    public void Build_ForCount_OnlyCountIsBuilt()
    {
        var root = AnswerbackCli.Build(Context, ["count", "ward.blt", "--method", "scottish-stv"]);

        var count = root.Subcommands.Single(c => c.Name == "count");
        Assert.NotEmpty(count.Options);
        Assert.NotNull(count.Action);
        Assert.All(root.Subcommands.Where(c => c.Name != "count"), c =>
        {
            Assert.Empty(c.Subcommands);
            Assert.Empty(c.Options);
            Assert.Null(c.Action);
        });
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("@args.rsp")]
    public void Build_HelpOrResponseFile_RootHelpAsWhenEverythingIsBuilt(string first)
    {
        var lazy = AnswerbackCli.Build(Context, [first]);
        var full = AnswerbackCli.Build(Context);

        Assert.Equal(Help(full), Help(lazy));
        Assert.Equal(first.StartsWith('@'), lazy.Subcommands.All(c => c.Subcommands.Count > 0 || c.Options.Count > 0));
    }

    [Fact]
    public async Task RunAsync_MistypedCommand_StillSuggestsTheCommand()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await AnswerbackCli.RunAsync(["cuont"], output, error, TestContext.Current.CancellationToken);

        Assert.NotEqual(0, exit);
        Assert.Contains("'cuont' was not matched. Did you mean one of the following?\ncount\n", (output.ToString() + error.ToString()).ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Forwarder_FullCommandRuns_ItsExitCodeIsReturned()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "uses /bin/sh as the stand-in for the full command");

        Assert.Equal(3, PlatformForwarder.Run("/bin/sh", ["-c", "exit 3"]));
    }

    [Fact]
    public void Forwarder_FullCommandMissing_ErrorNamesThePathAndTheInstallStep()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid().ToString("N"), "answerback");

        var error = Assert.Throws<CliException>(() => PlatformForwarder.Run(missing, ["admin", "create"]));

        Assert.Contains("'admin'", error.Message, StringComparison.Ordinal);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("dotnet publish src/Answerback.Cli", error.Message, StringComparison.Ordinal);
        Assert.Contains(PlatformForwarder.Variable, error.Message, StringComparison.Ordinal);
    }

    private static string Help(RootCommand root)
    {
        using var output = new StringWriter();
        root.Parse(["--help"]).Invoke(new InvocationConfiguration { Output = output, Error = output });
        return output.ToString();
    }
}
