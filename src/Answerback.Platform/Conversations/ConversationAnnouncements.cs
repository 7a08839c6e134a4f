using Answerback.Platform.Data;
using Answerback.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Conversations;

/// <summary>
/// Tells the people who took part in a conversation (voted or added a statement) that a report is
/// published, that the organisation responded, or that a response has become overdue (the
/// recurring job, on the reports' schedule; a published response also queues a run at once).
/// Overdue is not a stored step — it follows the clock (<see cref="ResponseStatus"/>) — so the job
/// looks for reports past their deadline it has not announced; <see cref="NotifyMany"/> records each
/// announcement once everyone is told, so a rerun, a second node or a crash never tells anyone twice.
/// </summary>
public sealed class ConversationAnnouncements(AnswerbackDbContext db, NotifyMany notifyMany, TimeProvider time)
{
    /// <summary>The recurring job's id.</summary>
    public const string JobId = "conversation-announcements";

    /// <summary>Reports and responses published longer ago than this are not announced any more (e.g. those from before this job existed).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(7);

    public static string ReportKey(Guid reportId) => "conversation-report:" + reportId.ToString("N");

    public static string ResponseKey(Guid responseId) => "conversation-response:" + responseId.ToString("N");

    public static string OverdueKey(Guid reportId) => "response-overdue:" + reportId.ToString("N");

    /// <summary>Announces what is due; returns how many announcements this run made.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var since = now - Window;
        var reports = await (
            from r in db.Set<Report>().AsNoTracking()
            join c in db.Set<Conversation>() on r.ConversationId equals c.Id
            join o in db.Organisations on c.OrganisationId equals o.Id
            join x in db.Set<Response>() on r.Id equals x.ReportId into responses
            from x in responses.DefaultIfEmpty()
            where r.PublishedAt > since || (x == null && r.RespondBy < now) || (x != null && x.PublishedAt > since)
            select new
            {
                r.Id, r.ConversationId, r.Number, r.PublishedAt, r.RespondBy, c.Topic, Organisation = o.Name,
                ResponseId = x == null ? (Guid?)null : x.Id, RespondedAt = x == null ? (DateTimeOffset?)null : x.PublishedAt,
            })
            .ToListAsync(ct);
        var due = new List<(string Key, Guid ConversationId, NotificationKind Kind, string Subject, string Text, string Path)>();
        foreach (var r in reports)
        {
            var path = ConversationPaths.Report(r.ConversationId, r.Number);
            var status = ResponseStatus.At(now, r.PublishedAt, r.RespondBy, r.RespondedAt);
            var by = r.RespondBy.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
            if (r.PublishedAt > since)
            {
                due.Add((ReportKey(r.Id), r.ConversationId, NotificationKind.ConversationReport, $"Report {r.Number} of {r.Topic} is published",
                    $"Report {r.Number} of \"{r.Topic}\", a conversation you took part in, is published. {r.Organisation} has promised to respond by {by}.", path));
            }

            if (r.ResponseId is { } responseId && r.RespondedAt > since)
            {
                due.Add((ResponseKey(responseId), r.ConversationId, NotificationKind.ConversationResponse, $"{r.Organisation} responded to report {r.Number} of {r.Topic}",
                    $"{r.Organisation} published its response to report {r.Number} of \"{r.Topic}\", a conversation you took part in ({status.Words}).", path));
            }

            // Only while overdue, not long overdue: the moment it passed is what is told, once.
            if (status.State == ResponseState.Overdue)
            {
                due.Add((OverdueKey(r.Id), r.ConversationId, NotificationKind.ResponseOverdue, $"{r.Organisation} has not responded to report {r.Number} of {r.Topic} in time",
                    $"{r.Organisation} promised to respond to report {r.Number} of \"{r.Topic}\", a conversation you took part in, by {by}, and has not.", path));
            }
        }

        var done = await notifyMany.DoneAsync([.. due.Select(d => d.Key)], ct);
        var announced = 0;
        foreach (var d in due.Where(d => !done.Contains(d.Key)))
        {
            if (await notifyMany.RunAsync(d.Key, c => ParticipantsAsync(d.ConversationId, c),
                person => new Notification(d.Kind, person, d.Key, Notification.SubjectLine(d.Subject), d.Text, d.Path), ct))
            {
                announced++;
            }
        }

        return announced;
    }

    /// <summary>The people who voted in the conversation or added a statement to it (imported and demo participants are not people here).</summary>
    public async Task<IReadOnlyCollection<Guid>> ParticipantsAsync(Guid conversationId, CancellationToken ct = default)
    {
        var voters = await db.Set<Vote>().AsNoTracking().Where(v => v.ConversationId == conversationId).Select(v => v.Participant).Distinct().ToListAsync(ct);
        var authors = await db.Set<Statement>().AsNoTracking().Where(s => s.ConversationId == conversationId && s.AuthorPersonId != null).Select(s => s.AuthorPersonId!.Value).Distinct().ToListAsync(ct);
        var people = new HashSet<Guid>(authors);
        foreach (var participant in voters)
        {
            if (Guid.TryParseExact(participant, "N", out var person))
            {
                people.Add(person);
            }
        }

        // Only people who still have an account (a participant's votes outlive a deleted account).
        var ids = people.ToList();
        var existing = new List<Guid>(ids.Count);
        foreach (var chunk in ids.Chunk(500))
        {
            existing.AddRange(await db.Users.AsNoTracking().Where(u => chunk.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct));
        }

        return [.. existing.Order()];
    }
}
