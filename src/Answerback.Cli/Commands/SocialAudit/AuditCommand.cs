using System.CommandLine;

namespace Answerback.Cli.Commands.SocialAudit;

/// <summary><c>answerback audit</c> (not built yet).</summary>
public static class AuditCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("audit", "Not built yet.");
        command.SetAction(_ => { context.Error.WriteLine("answerback audit: not built yet"); return 2; });
        return command;
    }
}
