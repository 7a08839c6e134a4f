using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Answerback.Platform.Organisations;
using Answerback.Platform.Webmentions;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Conversations;

/// <summary>The decision on one highlighted statement, as the organiser enters it.</summary>
public sealed record PointDraft(Guid StatementId, ResponseDecision? Decision, string? Reason, DateOnly? Until);

/// <summary>
/// The organisation publishes its response to a report (organisers only): a text and a decision on
/// every highlighted statement. Published once; the time of publication decides "on time" or "late".
/// The participants are told in the background (<see cref="ConversationAnnouncements"/>, queued at once).
/// </summary>
public sealed class PublishResponse(AnswerbackDbContext db, OrganisationAccess access, IBackgroundJobClient jobs, SendWebmentions webmentions, TimeProvider time)
{
    public async Task<Result<Response>> RunAsync(Guid reportId, Guid actorPersonId, string text, IReadOnlyList<PointDraft> points, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        var report = await db.Set<Report>().AsNoTracking().Include(r => r.Conversation).FirstOrDefaultAsync(r => r.Id == reportId, ct);
        if (report?.Conversation is null)
        {
            return Result.Failed<Response>("report", "The report does not exist.");
        }

        if (!await access.IsOrganiserAsync(actorPersonId, report.Conversation.OrganisationId, ct))
        {
            return Result.Failed<Response>("organisation", "Only an organiser of the organisation can publish its response.");
        }

        if (await db.Set<Response>().AnyAsync(r => r.ReportId == reportId, ct))
        {
            return Result.Failed<Response>("report", "This report already has a response.");
        }

        var errors = new List<FieldError>();
        text = (text ?? "").Trim();
        if (text.Length is 0 or > 20000)
        {
            errors.Add(new FieldError("text", text.Length == 0 ? "Write the response." : "The response must be at most 20,000 characters."));
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var highlighted = report.HighlightedIds;
        var byStatement = points.GroupBy(p => p.StatementId).ToDictionary(g => g.Key, g => g.First());
        var numbers = await db.Set<Statement>().Where(s => highlighted.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Number, ct);
        foreach (var id in highlighted)
        {
            var label = $"Statement {numbers.GetValueOrDefault(id)}";
            if (!byStatement.TryGetValue(id, out var point) || point.Decision is not { } decision || !Enum.IsDefined(decision))
            {
                errors.Add(new FieldError("points", $"{label}: choose adopted, rejected or under consideration."));
                continue;
            }

            if (decision == ResponseDecision.Rejected && string.IsNullOrWhiteSpace(point.Reason))
            {
                errors.Add(new FieldError("points", $"{label}: say why it is rejected."));
            }

            if (decision == ResponseDecision.UnderConsideration && (point.Until is not { } until || until <= today))
            {
                errors.Add(new FieldError("points", $"{label}: give the date until which it is under consideration (after today)."));
            }

            if (point.Reason?.Length > 4000)
            {
                errors.Add(new FieldError("points", $"{label}: the reason must be at most 4,000 characters."));
            }
        }

        if (errors.Count > 0)
        {
            return Result.Failed<Response>(errors);
        }

        var response = new Response
        {
            Id = Guid.NewGuid(), ReportId = reportId, Text = text, PublishedAt = time.GetUtcNow(), PublishedByPersonId = actorPersonId,
            Points = [.. highlighted.Select(id => byStatement[id]).Select(p => new ResponsePoint
            {
                Id = Guid.NewGuid(), StatementId = p.StatementId, Decision = p.Decision!.Value,
                Reason = string.IsNullOrWhiteSpace(p.Reason) ? null : p.Reason.Trim(),
                Until = p.Decision == ResponseDecision.UnderConsideration ? p.Until : null,
            })],
        };
        db.Set<Response>().Add(response);
        // The pages the response links to are told, from the report page that shows it (Webmention), once it is saved.
        await webmentions.QueueAsync($"/conversations/{report.ConversationId}/reports/{report.Number}", text, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Result.Failed<Response>("report", "This report already has a response.");
        }

        // The recurring run would find it too; this one tells the participants now.
        jobs.Enqueue<ConversationAnnouncements>(a => a.RunAsync(CancellationToken.None));
        return Result.Ok(response);
    }
}
