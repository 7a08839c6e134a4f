using System.Text.Json.Nodes;
using Answerback.Platform.Conversations;
using Answerback.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace Answerback.Web.Pages.Conversations;

/// <summary>A conversation in the API's list.</summary>
public sealed record ConversationListItem(Guid Id, string Topic, string Question, string Organisation, string? Area, bool IsImported, bool IsOpen, int Participants, string? ResponseStatus);

/// <summary>A statement with its exact counts (<c>id</c> is the statement's number, as in the map and the export).</summary>
public sealed record ConversationStatementItem(string Id, string Text, int Agree, int Disagree, int Pass, bool Hidden);

/// <summary>A report's response status: awaiting, on-time, late, overdue or long-overdue, and the deadline.</summary>
public sealed record ConversationReportItem(int Number, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, DateTimeOffset PublishedAt, DateTimeOffset ResponseDeadline, string ResponseStatus, DateTimeOffset? RespondedAt);

/// <summary>One conversation: statements, the latest map (the engine's JSON report with <c>groups</c>), reports.</summary>
public sealed record ConversationDetail(
    Guid Id, string Topic, string Question, string Organisation, string? Attribution, bool IsImported, bool IsOpen,
    IReadOnlyList<ConversationStatementItem> Statements, JsonNode? Map, int? MapVersion,
    IReadOnlyList<ConversationReportItem> Reports, string? ResponseStatus, DateTimeOffset? ResponseDeadline);

/// <summary>A near-duplicate offered before a statement is added.</summary>
public sealed record SimilarStatementItem(int Number, string Text, double Similarity);

/// <summary>The read-only conversations API (contract 4): anonymous, camelCase JSON, in the OpenAPI document.</summary>
public static class ConversationsApi
{
    public static IEndpointRouteBuilder MapConversationsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api/conversations").AllowAnonymous().WithTags("Conversations");
        api.MapGet("/", async (ConversationQueries queries, CancellationToken ct) =>
                (await queries.ListAsync(ct: ct)).Select(c => new ConversationListItem(c.Id, c.Topic, c.Question, c.OrganisationName, c.AreaName,
                    c.IsImported, c.IsOpen, c.Participants, c.WorstStatus?.Code)).ToList())
            .WithName("ListConversations").Produces<List<ConversationListItem>>();
        api.MapGet("/{id:guid}", async (Guid id, ConversationQueries queries, CancellationToken ct) =>
            {
                var page = await queries.PageAsync(id, null, ct);
                if (page is null)
                {
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such conversation.");
                }

                var map = await queries.MapAsync(id, ct);
                var statements = await queries.StatementCountsAsync(id, ct);
                var reports = page.Reports.Select(r => new ConversationReportItem(r.Number, r.PeriodStart, r.PeriodEnd, r.PublishedAt, r.Status.RespondBy,
                    r.Status.Code, r.Status.RespondedAt)).ToList();
                // The status of the conversation is its worst report's: an overdue response is never hidden behind a later one.
                var worst = page.Reports.OrderByDescending(r => r.Status.State).ThenBy(r => r.Number).FirstOrDefault();
                var c = page.Conversation;
                return Results.Ok(new ConversationDetail(c.Id, c.Topic, c.Question, page.OrganisationName, c.Attribution, c.IsImported, page.IsOpen,
                    [.. statements.Select(s => new ConversationStatementItem(s.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        s.Hidden ? "" : s.Text, s.Agree, s.Disagree, s.Pass, s.Hidden))],
                    map is null ? null : JsonNode.Parse(map.Json), map?.Version, reports, worst?.Status.Code, worst?.Status.RespondBy));
            })
            .WithName("GetConversation").Produces<ConversationDetail>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{id:guid}/export", async (Guid id, HttpContext http, ExportConversation export, IOptions<SiteOptions> site, CancellationToken ct) =>
            {
                var zip = new MemoryStream();
                var url = (site.Value.PublicUrl ?? $"{http.Request.Scheme}://{http.Request.Host}").TrimEnd('/') + "/conversations/" + id;
                if (!await export.WriteAsync(id, url, zip, ct))
                {
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such conversation.");
                }

                zip.Position = 0;
                return Results.File(zip, "application/zip", $"conversation-{id:N}.zip");
            })
            .WithName("ExportConversation").Produces(StatusCodes.Status200OK, contentType: "application/zip").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{id:guid}/similar", async (Guid id, string? text, AddStatement add, CancellationToken ct) =>
                (await add.SimilarAsync(id, text ?? "", ct)).Select(s => new SimilarStatementItem(s.Number, s.Text, Math.Round(s.Similarity, 2))).ToList())
            .WithName("SimilarStatements").Produces<List<SimilarStatementItem>>();
        // The map page's live updates (server-sent events): each message is a new map version, from whichever node computed it.
        app.MapLiveEvents("/conversations/{id:guid}/live", async context =>
            Guid.TryParse(context.Request.RouteValues["id"] as string, out var id)
            && await context.RequestServices.GetRequiredService<ConversationQueries>().TopicAsync(id, context.RequestAborted) is not null
                ? RecomputeMap.LiveTopic(id)
                : null).AllowAnonymous();
        return app;
    }
}
