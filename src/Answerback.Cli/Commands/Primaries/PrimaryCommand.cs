using System.CommandLine;
using System.Globalization;
using Answerback.Formats;
using Answerback.Platform.Primaries;

namespace Answerback.Cli.Commands.Primaries;

/// <summary>
/// <c>answerback primary verify-board FILE [--checkpoint N:HASH]...</c>: checks a downloaded bulletin
/// board step by numbered step and names the first entry that fails (docs/primaries.md).
/// </summary>
public static class PrimaryCommand
{
    /// <summary>Exit code when the board does not verify (a file that cannot be read exits with 2).</summary>
    public const int DoesNotVerifyExitCode = 1;

    public static Command Create(CliContext context)
    {
        var command = new Command("primary", "Open primaries: check a primary's public bulletin board.");
        command.Subcommands.Add(VerifyBoardCommand(context));
        return command;
    }

    private static Command VerifyBoardCommand(CliContext context)
    {
        var file = new Argument<string>("FILE")
        {
            Description = "The board as downloaded from /api/primaries/{id}/board (JSON).",
        };
        var checkpoints = new Option<string[]>("--checkpoint")
        {
            Description = "A head you saved during voting, as N:HASH (entry count and head hash); repeat for several.",
            Arity = ArgumentArity.ZeroOrMore,
            HelpName = "N:HASH",
        };
        var command = new Command(
            "verify-board",
            "Check a bulletin board: (1) the hash chain from h(0) to the head, (2) after the close each commitment against its ballot and salt, "
            + "(3) the count recomputed against the published result, (4) every checkpoint is an earlier head of the chain. "
            + "Exits 0 when the board verifies, 1 naming the first entry that fails, 2 when the file cannot be read.");
        command.Arguments.Add(file);
        command.Options.Add(checkpoints);
        command.SetAction(parseResult => Verify(context, parseResult.GetValue(file)!, parseResult.GetValue(checkpoints) ?? []));
        return command;
    }

    private static int Verify(CliContext context, string file, string[] checkpointArguments)
    {
        var saved = new List<BoardCheckpoint>();
        foreach (var argument in checkpointArguments)
        {
            saved.Add(BoardCheckpoint.TryParse(argument, out var checkpoint, out var problem) ? checkpoint : throw new CliException("--checkpoint " + problem, 2));
        }

        BoardDocument board;
        try
        {
            board = BoardDocument.Read(file);
        }
        catch (InputFormatException ex)
        {
            throw new CliException(ex.Message, 2);
        }

        var output = context.Output;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Board of primary {board.PrimaryId}: {board.Title}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{board.Method}, {board.Seats} seat{(board.Seats == 1 ? "" : "s")}, {board.Candidates.Count} candidates, {board.Entries.Count} entries, {(board.Closed ? "closed" : "open (voting)")}"));
        var verification = VerifyBoard.Run(board, saved);
        foreach (var step in verification.Steps)
        {
            var outcome = step.Outcome switch
            {
                StepOutcome.Passed => "ok",
                StepOutcome.Failed => "FAILED",
                _ => "skipped",
            };
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Step {step.Number}. {step.Title}: {outcome}"));
            output.WriteLine("  " + step.Detail);
        }

        if (verification.FirstFailure is { } failure)
        {
            var where = failure.Entry is { } entry ? string.Create(CultureInfo.InvariantCulture, $" at entry {entry}") : "";
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"answerback: {file} does not verify: step {failure.Number} ({failure.Title.ToLowerInvariant()}) fails{where}."));
            return DoesNotVerifyExitCode;
        }

        output.WriteLine(board.Closed ? "The board verifies." : "The board verifies so far: check it again after the close.");
        return 0;
    }
}
