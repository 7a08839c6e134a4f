using System.CommandLine;

namespace Answerback.Cli.Commands.Residency;

/// <summary><c>answerback register</c> (not built yet).</summary>
public static class RegisterCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("register", "Not built yet.");
        command.SetAction(_ => { context.Error.WriteLine("answerback register: not built yet"); return 2; });
        return command;
    }
}
