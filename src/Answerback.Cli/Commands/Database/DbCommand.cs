using System.CommandLine;

namespace Answerback.Cli.Commands.Database;

/// <summary><c>answerback db</c> (not built yet).</summary>
public static class DbCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("db", "Not built yet.");
        command.SetAction(_ => { context.Error.WriteLine("answerback db: not built yet"); return 2; });
        return command;
    }
}
