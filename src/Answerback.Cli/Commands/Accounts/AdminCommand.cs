using System.CommandLine;

namespace Answerback.Cli.Commands.Accounts;

/// <summary><c>answerback admin</c> (not built yet).</summary>
public static class AdminCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("admin", "Not built yet.");
        command.SetAction(_ => { context.Error.WriteLine("answerback admin: not built yet"); return 2; });
        return command;
    }
}
