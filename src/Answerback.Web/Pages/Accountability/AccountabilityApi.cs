using Answerback.Platform.Accountability;
using Answerback.Web.Infrastructure;

namespace Answerback.Web.Pages.Accountability;

/// <summary>
/// Accountability's read-only JSON API (contract 4): the registry, each scorecard with its intervals and
/// sample sizes, an area's presence, the parties' campaigns with their posts, and the coordination
/// network in the engine's CSV and GraphML. All precomputed; anonymous; camelCase JSON.
/// </summary>
public static class AccountabilityApi
{
    public static IEndpointRouteBuilder MapAccountabilityApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api").AllowAnonymous().WithTags("Accountability");

        api.MapGet("/representatives", async (string? area, AccountabilityDirectory directory, CancellationToken ct)
                => Results.Ok(await directory.ListAsync(area, ct)))
            .WithName("ListRepresentatives")
            .Produces<IReadOnlyList<RepresentativeSummary>>();

        api.MapGet("/representatives/{id:guid}", async (Guid id, AccountabilityDirectory directory, CancellationToken ct)
                => await directory.GetAsync(id, ct) is { } details ? Results.Ok(details) : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such representative"))
            .WithName("GetRepresentative")
            .Produces<RepresentativeDetails>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/areas/{slug}/presence", async (string slug, AccountabilityDirectory directory, CancellationToken ct)
                => await directory.PresenceAsync(slug, ct) is { } presence ? Results.Ok(presence) : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such area"))
            .WithName("GetAreaPresence")
            .Produces<AreaPresence>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/campaigns", async (string? party, AccountabilityDirectory directory, CancellationToken ct) =>
            {
                if (string.IsNullOrWhiteSpace(party))
                {
                    return Results.Ok(await directory.AllPartyCampaignsAsync(ct));
                }

                return await directory.PartyCampaignsAsync(party, ct) is { } campaigns
                    ? Results.Ok(new[] { campaigns })
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such party");
            })
            .WithName("ListCampaigns")
            .Produces<IReadOnlyList<PartyCampaigns>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        foreach (var (format, contentType) in new[] { ("csv", "text/csv"), ("graphml", "application/graphml+xml") })
        {
            api.MapGet($"/campaigns/{{party}}/network.{format}", async (string party, AccountabilityDirectory directory, CancellationToken ct)
                    => await directory.NetworkAsync(party, format, ct) is { } text
                        ? Results.Text(text, contentType + "; charset=utf-8")
                        : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No network computed for this party"))
                .WithName("CoordinationNetwork" + (format == "csv" ? "Csv" : "GraphMl"))
                .Produces<string>(contentType: contentType)
                .ProducesProblem(StatusCodes.Status404NotFound);
        }

        app.MapQuestionsApi();
        return app;
    }

    /// <summary>Residents' questions: those sent to a representative (with the answers; hidden ones as placeholders) and the league tables of response rates.</summary>
    private static void MapQuestionsApi(this IEndpointRouteBuilder app)
    {
        var reps = app.MapApiGroup("/api/representatives", "Accountability");
        reps.MapGet("/{id:guid}/questions", async Task<IResult> (Guid id, AccountabilityDirectory directory, RepresentativeQuestions questions, CancellationToken ct)
                => await directory.GetAsync(id, ct) is null
                    ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such representative")
                    : TypedResults.Ok(await questions.ForRepresentativeAsync(id, null, ct)))
            .WithName("ListRepresentativeQuestions")
            .WithSummary("The questions residents sent to the representative, newest first, with the answers; the askers are never named.")
            .Produces<IReadOnlyList<RepresentativeQuestionView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        var rates = app.MapApiGroup("/api/response-rates", "Accountability");
        rates.MapGet("/", async Task<IResult> (string? area, string? party, AccountabilityDirectory directory, RepresentativeQuestions questions, CancellationToken ct) =>
            {
                if (string.IsNullOrWhiteSpace(area) == string.IsNullOrWhiteSpace(party))
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Give exactly one of area (an area's slug) or party (a party's slug).");
                }

                var league = area is { Length: > 0 } ? await questions.AreaLeagueAsync(area, directory, ct) : await questions.PartyLeagueAsync(party!, directory, ct);
                return league is null ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such area or party") : TypedResults.Ok(league);
            })
            .WithName("GetResponseRates")
            .WithSummary("The league table of response rates of an area's or a party's representatives: ranked (at least 10 counted questions) and too few to judge.")
            .Produces<LeagueTable>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
