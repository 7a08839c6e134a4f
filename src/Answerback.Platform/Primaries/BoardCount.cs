using System.Globalization;
using System.Text.Json.Nodes;
using Answerback.Counting;
using Answerback.Counting.Formats;
using Answerback.Counting.Reports;

namespace Answerback.Platform.Primaries;

/// <summary>
/// Counts a closed board with the counting engine, and writes its ballots as BLT. The server's count,
/// the verifier's recount and <c>answerback count ballots.blt --method M --seed S</c> all count the
/// same election with the same options, so they give the same report.
/// </summary>
public static class BoardCount
{
    /// <summary>The board's ballots as an election (candidates in published order, the board's seats and title).</summary>
    /// <exception cref="InvalidOperationException">The board is open, or an entry's ballot is missing or not in the board's form.</exception>
    public static Election Election(BoardDocument board)
    {
        ArgumentNullException.ThrowIfNull(board);
        if (!board.Closed)
        {
            throw new InvalidOperationException("An open board has no ballots to count.");
        }

        var kind = BoardBallot.KindFor(board.Method);
        var ballots = board.Entries.Select(e => BoardBallot.TryParse(e.Ballot, kind, board.Candidates.Count, out var ballot, out var problem)
            ? ballot.ToCountingBallot()
            : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Entry {e.Sequence}: {problem}")));
        // Identical ballots grouped, as reading the BLT file groups them.
        return new Election(board.Candidates, ballots, board.Seats, title: board.Title).Grouped();
    }

    /// <summary>Counts the board with its method and the seed for lots (CountOptions as the CLI builds them).</summary>
    /// <exception cref="CountingException">The method cannot count these ballots.</exception>
    public static CountReport Count(BoardDocument board, int seed) =>
        CountingMethods.Get(board.Method).Count(Election(board), new CountOptions { Seed = seed });

    /// <summary>The board with its result: the count's JSON report, as the result page and the verifier read it.</summary>
    public static BoardDocument Publish(BoardDocument board, int seed) => board with { Result = ReportJson(Count(board, seed)) };

    /// <summary>The engine's JSON report as a JSON object.</summary>
    public static JsonObject ReportJson(CountReport report)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        ReportWriter.WriteJson(report, writer);
        return JsonNode.Parse(writer.ToString())!.AsObject();
    }

    /// <summary>Writes the closed board's ballots as BLT (<c>GET /api/primaries/{id}/ballots.blt</c>).</summary>
    public static void WriteBlt(BoardDocument board, TextWriter writer) => BltFormat.Write(Election(board), writer);
}
