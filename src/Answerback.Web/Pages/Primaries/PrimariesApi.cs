using Answerback.Platform.Primaries;

namespace Answerback.Web.Pages.Primaries;

/// <summary>One primary in the API's list.</summary>
public sealed record PrimaryListItem(Guid Id, string Title, string Organisation, string Area, string State, string Method, int Seats, DateTimeOffset VotingOpens, DateTimeOffset VotingCloses);

/// <summary>A primary's timetable in the API (UTC instants).</summary>
public sealed record PrimaryTimetableJson(DateTimeOffset NominationsOpen, DateTimeOffset HustingsOpen, DateTimeOffset VotingOpens, DateTimeOffset VotingCloses);

/// <summary>An approved candidate in the API: <see cref="Number"/> is the 1-based published order the ballots use.</summary>
public sealed record PrimaryCandidateJson(Guid Id, int Number, string Name);

/// <summary>One line of the public lifecycle log in the API.</summary>
public sealed record PrimaryLogJson(DateTimeOffset At, string Change, string Role);

/// <summary>A primary's metadata, state, electorate, candidates and public log.</summary>
public sealed record PrimaryJson(
    Guid Id, string Title, string Description, string Organisation, string OrganisationSlug, string Area, Guid AreaId,
    string State, string Method, int Seats, int CountSeed, string Electorate, string ElectorateDescription,
    PrimaryTimetableJson Timetable, IReadOnlyList<PrimaryCandidateJson> Candidates, IReadOnlyList<PrimaryLogJson> Log);

/// <summary>The read-only JSON endpoints of the Primaries capability (published primaries only; drafts are 404).</summary>
public static class PrimariesApi
{
    public static IEndpointRouteBuilder MapPrimariesApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api/primaries").AllowAnonymous().WithTags("Primaries");
        api.MapGet("/", ListAsync).WithName("ListPrimaries").WithSummary("Every published primary.")
            .Produces<IReadOnlyList<PrimaryListItem>>();
        api.MapGet("/{id:guid}", GetAsync).WithName("GetPrimary").WithSummary("A primary's metadata, state, electorate, candidates in published order and public log.")
            .Produces<PrimaryJson>().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> ListAsync(PrimaryQuery primaries, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var list = await primaries.ListPublishedAsync(ct);
        return Results.Ok(list.Select(p => new PrimaryListItem(p.Id, p.Primary.Title, p.OrganisationName, p.AreaName, PrimaryText.StateName(p.StateAt(now)),
            p.Primary.Method, p.Primary.Seats, p.Primary.VotingOpens, p.Primary.VotingCloses)).ToList());
    }

    private static async Task<IResult> GetAsync(Guid id, PrimaryQuery primaries, TimeProvider time, CancellationToken ct)
    {
        var p = await primaries.GetAsync(id, ct);
        if (p is null || !p.IsPublished)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such primary.");
        }

        var now = time.GetUtcNow();
        var log = await primaries.LogAsync(id, now, ct);
        var e = p.Primary;
        return Results.Ok(new PrimaryJson(
            e.Id, e.Title, e.Description, p.OrganisationName, p.OrganisationSlug, p.AreaName, e.AreaId,
            PrimaryText.StateName(p.StateAt(now)), e.Method, e.Seats, e.CountSeed,
            PrimaryText.ElectorateName(e.Electorate), PrimaryText.Electorate(e.Electorate, p.AreaName, p.OrganisationName),
            new PrimaryTimetableJson(e.NominationsOpen, e.HustingsOpen, e.VotingOpens, e.VotingCloses),
            [.. p.Candidates.Select(c => new PrimaryCandidateJson(c.Id, c.Number, c.Name))],
            [.. log.Select(l => new PrimaryLogJson(l.At, l.Change, PrimaryText.Role(l.Role)))]));
    }
}
