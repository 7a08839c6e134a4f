using System.CommandLine;

namespace Answerback.Cli.Commands.Areas;

/// <summary><c>answerback areas</c> (not built yet).</summary>
public static class AreasCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("areas", "Not built yet.");
        command.SetAction(_ => { context.Error.WriteLine("answerback areas: not built yet"); return 2; });
        return command;
    }
}
