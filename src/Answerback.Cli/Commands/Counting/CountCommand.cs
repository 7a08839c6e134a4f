using System.CommandLine;

namespace Answerback.Cli.Commands.Counting;

/// <summary><c>answerback count</c> (not built yet).</summary>
public static class CountCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("count", "Not built yet.");
        command.SetAction(_ => { context.Error.WriteLine("answerback count: not built yet"); return 2; });
        return command;
    }
}
