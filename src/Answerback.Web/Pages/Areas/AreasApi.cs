using Answerback.Platform.Areas;
using Answerback.Web.Infrastructure;

namespace Answerback.Web.Pages.Areas;

/// <summary>The areas as JSON: <c>GET /api/areas</c> (the tree) and <c>GET /api/areas/{code}</c> (one area by its GSS code).</summary>
public static class AreasApi
{
    public static IEndpointRouteBuilder MapAreasApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapApiGroup("/api/areas", "Areas");
        group.MapGet("/", async (AreaDirectory areas, CancellationToken ct) => TypedResults.Ok(await areas.ListTopLevelAsync(ct)))
            .WithName("ListAreas")
            .WithSummary("The top-level areas, each with its children.")
            .Produces<IReadOnlyList<AreaSummary>>();
        group.MapGet("/{code}", async Task<IResult> (string code, AreaDirectory areas, CancellationToken ct) =>
                await areas.FindByCodeAsync(code, ct) is { } area
                    ? TypedResults.Ok(area)
                    : TypedResults.Problem(title: "No area has this code.", statusCode: StatusCodes.Status404NotFound))
            .WithName("GetAreaByCode")
            .WithSummary("One area by its GSS code (e.g. E05013050).")
            .Produces<AreaSummary>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }
}
