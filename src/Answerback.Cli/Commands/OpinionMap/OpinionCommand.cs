using System.CommandLine;

namespace Answerback.Cli.Commands.OpinionMap;

/// <summary><c>answerback opinion</c> (not built yet).</summary>
public static class OpinionCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("opinion", "Not built yet.");
        command.SetAction(_ => { context.Error.WriteLine("answerback opinion: not built yet"); return 2; });
        return command;
    }
}
