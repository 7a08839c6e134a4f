using System.Text;
using Answerback.Platform.Primaries;

namespace Answerback.Web.Pages.Primaries;

/// <summary>
/// The primaries' ballot endpoints of the public JSON API: the bulletin board, the ballots as BLT
/// after the close, and the result (the counting engine's JSON report). Read-only and anonymous.
/// </summary>
public static class PrimaryBallotsApi
{
    public static IEndpointRouteBuilder MapPrimaryBallotsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api/primaries/{id:guid}").AllowAnonymous();

        api.MapGet("/board", async (Guid id, BoardQuery query, CancellationToken ct) =>
                await query.BoardAsync(id, ct) is { } board
                    // BoardDocument pins its names and options: the response is the file verify-board reads.
                    ? Results.Text(board.ToJson(), "application/json", Encoding.UTF8)
                    : NotFound("There is no such primary."))
            .WithName("GetPrimaryBoard")
            .WithSummary("The bulletin board: entries, head, checkpoints; after the close every ballot and salt, and the result.")
            .Produces<BoardDocument>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/ballots.blt", async (Guid id, BoardQuery query, CancellationToken ct) =>
                await query.BltAsync(id, ct) is { } blt
                    ? Results.File(Encoding.UTF8.GetBytes(blt), "text/plain; charset=utf-8", "ballots.blt")
                    : NotFound("The ballots are published when voting has closed and the count has run."))
            .WithName("GetPrimaryBallotsBlt")
            .WithSummary("The ballots as a BLT file (after the close); answerback count on it gives the published result.")
            .Produces(StatusCodes.Status200OK, contentType: "text/plain")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/result", async (Guid id, BoardQuery query, CancellationToken ct) =>
                await query.ResultJsonAsync(id, ct) is { } report
                    ? Results.Text(report.ToJsonString(), "application/json", Encoding.UTF8)
                    : NotFound("The result is published when voting has closed and the count has run."))
            .WithName("GetPrimaryResult")
            .WithSummary("The counting engine's JSON report: method, seed, elected, stages[].totals...")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static IResult NotFound(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
