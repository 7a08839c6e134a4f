using System.CommandLine;
using Answerback.Cli.Commands.Counting;
using Answerback.Cli.Commands.OpinionMap;
using Answerback.Cli.Commands.SocialAudit;
#if !ENGINES_ONLY
using Answerback.Cli.Commands.Accounts;
using Answerback.Cli.Commands.Areas;
using Answerback.Cli.Commands.Data;
using Answerback.Cli.Commands.Residency;
#endif

namespace Answerback.Cli;

/// <summary>
/// The <c>answerback</c> command. Each capability contributes its commands from
/// <c>Commands/&lt;Capability&gt;/</c>; this class only assembles them, so tests can call
/// <see cref="RunAsync"/> with their own writers. <c>src/Answerback.Cli.Engines</c> compiles the same files
/// without the platform's commands (ENGINES_ONLY) into a Native AOT executable, which runs the platform's
/// commands through the full command (<see cref="PlatformForwarder"/>).
/// </summary>
public static class AnswerbackCli
{
    /// <summary>
    /// The top-level commands, in the order <c>--help</c> lists them: name, the description <c>--help</c>
    /// shows (the same as the command's own: a test checks), whether the command is one of the engines' (in
    /// the native build too) or the platform's (full command only), and the names of its own arguments
    /// (<c>--help</c> lists them beside the name). A new top-level command adds a line here and one in
    /// <see cref="Create"/>.
    /// </summary>
    public static IReadOnlyList<TopLevelCommand> TopLevelCommands { get; } =
    [
        new("count", "Count ballot files: plurality, approval, AV, Scottish STV, Meek STV, Schulze or ranked pairs.", Engine: true, Arguments: ["FILE"]),
        new("opinion", "Opinion maps of policy conversations (Pol.is-compatible): groups, representative, consensus and bridging statements.", Engine: true),
        new("audit", "Audit public social-media posts: import, coordination networks, campaigns, conversation metrics.", Engine: true),
        new("admin", "Manage platform administrators.", Engine: false),
        new("db", "Manage the platform database.", Engine: false),
        new("areas", "Manage areas (a city, its wards).", Engine: false),
        new("register", "Manage electoral register extracts used for residency verification.", Engine: false),
        new("primary", "Open primaries: check a primary's public bulletin board.", Engine: false),
    ];

    /// <summary>Every command, fully built (its options, subcommands and actions).</summary>
    public static RootCommand Build(CliContext context) => Build(context, invoked: null, all: true);

    /// <summary>
    /// The command line as <paramref name="args"/> needs it: only the command invoked is built in full;
    /// the others are a name and a description, which is all <c>--help</c> and the suggestion for a
    /// mistyped command use. So <c>--help</c> and <c>count</c> construct none of the platform's commands
    /// (and compile none of their code). A response file (<c>@file</c>) or a directive
    /// (<c>[diagram]</c>) first builds everything.
    /// </summary>
    public static RootCommand Build(CliContext context, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var first = args.Count > 0 ? args[0] : "";
        return Build(context, first, all: first.StartsWith('@') || first.StartsWith('['));
    }

    private static RootCommand Build(CliContext context, string? invoked, bool all)
    {
        var root = new RootCommand("answerback: open primaries, policy conversations and social-media audits.");
        foreach (var command in TopLevelCommands)
        {
            root.Subcommands.Add((all || command.Name == invoked) && Available(command)
                ? Create(command.Name, context)
                : Outline(command));
        }

        return root;
    }

    /// <summary>The command as <c>--help</c> lists it, without its options, subcommands or action.</summary>
    private static Command Outline(TopLevelCommand command)
    {
        var outline = new Command(command.Name, command.Description);
        foreach (var argument in command.Arguments ?? [])
        {
            outline.Arguments.Add(new Argument<string>(argument));
        }

        return outline;
    }

    /// <summary>Whether this build has the command (the native engines build has only the engines' commands).</summary>
    private static bool Available(TopLevelCommand command) => command.Engine || !EnginesOnly;

#if ENGINES_ONLY
    private const bool EnginesOnly = true;
#else
    private const bool EnginesOnly = false;
#endif

    private static Command Create(string name, CliContext context) => name switch
    {
        "count" => CountCommand.Create(context),
        "opinion" => OpinionCommand.Create(context),
        "audit" => AuditCommand.Create(context),
#if !ENGINES_ONLY // src/Answerback.Cli.Engines: the engines' commands alone, as a native executable
        "admin" => AdminCommand.Create(context),
        "db" => DbCommand.Create(context),
        "areas" => AreasCommand.Create(context),
        "register" => RegisterCommand.Create(context),
        "primary" => Commands.Primaries.PrimaryCommand.Create(context),
#endif
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a top-level command of this build"),
    };

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var context = new CliContext(output, error);
        try
        {
#if ENGINES_ONLY
            // The platform's commands are in the full command, installed beside this one (README).
            if (args.Length > 0 && TopLevelCommands.Any(c => !c.Engine && c.Name == args[0]))
            {
                return PlatformForwarder.Run(PlatformForwarder.Locate(), args);
            }
#endif
            var parsed = Build(context, args).Parse(args);
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

/// <summary>A top-level command as <c>--help</c> lists it; <paramref name="Engine"/>: in the native engines build too; <paramref name="Arguments"/>: the names of its own arguments.</summary>
public sealed record TopLevelCommand(string Name, string Description, bool Engine, IReadOnlyList<string>? Arguments = null);

/// <summary>The writers a command prints to (standard output and error in production, string writers in tests).</summary>
public sealed record CliContext(TextWriter Output, TextWriter Error);

/// <summary>A failure the user can act on: printed as one line, without a stack trace, with a non-zero exit code.</summary>
public sealed class CliException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
