using System.CommandLine;
using Answerback.Cli.Commands.Accounts;
using Answerback.Cli.Commands.Areas;
using Answerback.Cli.Commands.Counting;
using Answerback.Cli.Commands.Data;
using Answerback.Cli.Commands.OpinionMap;
using Answerback.Cli.Commands.Residency;
using Answerback.Cli.Commands.SocialAudit;

namespace Answerback.Cli;

/// <summary>
/// The <c>answerback</c> command. Each capability contributes its commands from
/// <c>Commands/&lt;Capability&gt;/</c>; this class only assembles them, so tests can call
/// <see cref="RunAsync"/> with their own writers.
/// </summary>
public static class AnswerbackCli
{
    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand("answerback: open primaries, policy conversations and social-media audits.");
        root.Subcommands.Add(CountCommand.Create(context));
        root.Subcommands.Add(OpinionCommand.Create(context));
        root.Subcommands.Add(AuditCommand.Create(context));
        root.Subcommands.Add(AdminCommand.Create(context));
        root.Subcommands.Add(DbCommand.Create(context));
        root.Subcommands.Add(AreasCommand.Create(context));
        root.Subcommands.Add(RegisterCommand.Create(context));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var context = new CliContext(output, error);
        var root = Build(context);
        var parsed = root.Parse(args);
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (CliException ex)
        {
            await error.WriteLineAsync($"answerback: {ex.Message}");
            return ex.ExitCode;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("answerback: cancelled");
            return 130;
        }
        catch (Exception ex)
        {
            // Users never see a stack trace: one line saying what failed; the details only on request.
            await error.WriteLineAsync($"answerback: unexpected error ({ex.GetType().Name}): {ex.GetBaseException().Message}");
            if (Environment.GetEnvironmentVariable("ANSWERBACK_DEBUG") == "1")
            {
                await error.WriteLineAsync(ex.ToString());
            }
            else
            {
                await error.WriteLineAsync("answerback: set ANSWERBACK_DEBUG=1 to print the details.");
            }

            return UnexpectedErrorExitCode;
        }
    }

    /// <summary>The exit code for a failure that is not the user's (EX_SOFTWARE in sysexits.h).</summary>
    public const int UnexpectedErrorExitCode = 70;
}

/// <summary>The writers a command prints to (standard output and error in production, string writers in tests).</summary>
public sealed record CliContext(TextWriter Output, TextWriter Error);

/// <summary>A failure the user can act on: printed as one line, without a stack trace, with a non-zero exit code.</summary>
public sealed class CliException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
