using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Moderation;

/// <summary>A subject waiting for a moderator: held before publication, or flagged by readers.</summary>
public sealed record ModerationQueueItem(
    ModerationSubject Subject,
    string OrganisationName,
    string Excerpt,
    string PublicPath,
    bool Held,
    int Flags,
    IReadOnlyList<ModerationReason> FlagReasons,
    IReadOnlyList<string> FlagNotes,
    DateTimeOffset Since);

/// <summary>An appeal waiting for a moderator.</summary>
public sealed record ModerationPendingAppeal(Guid AppealId, Guid DecisionId, string OrganisationName, string SubjectKind, ModerationReason Reason, string Text, DateTimeOffset AppealedAt);

/// <summary>The queue of one moderator: nothing when they moderate no organisation (<see cref="Moderates"/> false).</summary>
public sealed record ModerationQueuePage(bool Moderates, IReadOnlyList<ModerationQueueItem> Items, IReadOnlyList<ModerationPendingAppeal> Appeals, int Page, int PageCount);

/// <summary>The moderators' queue: flags and held subjects of the organisations they moderate, oldest first, and pending appeals.</summary>
public sealed class WaitingForModeration(AnswerbackDbContext db, ModeratorRoles roles, ModerationSubjects subjects)
{
    public const int PageSize = 25;

    public async Task<ModerationQueuePage> PageAsync(Guid moderatorPersonId, int page, CancellationToken ct = default)
    {
        var organisations = await roles.OrganisationsAsync(moderatorPersonId, ct);
        if (organisations is { Count: 0 })
        {
            return new ModerationQueuePage(false, [], [], 1, 1);
        }

        var holds = db.Set<ModerationHold>().AsNoTracking();
        var flags = db.Set<ModerationFlag>().AsNoTracking().Where(f => f.ResolvedAt == null);
        var decisions = db.Set<ModerationDecision>().AsNoTracking();
        if (organisations is not null)
        {
            holds = holds.Where(h => organisations.Contains(h.OrganisationId));
            flags = flags.Where(f => organisations.Contains(f.OrganisationId));
            decisions = decisions.Where(d => organisations.Contains(d.OrganisationId));
        }

        // Subjects, each once, with the instant it started waiting. Hidden subjects have no open flags
        // (hiding resolves them), so every row here needs a decision.
        var waiting = holds.Select(h => new { h.SubjectKind, h.SubjectId, h.OrganisationId, Since = h.HeldAt })
            .Concat(flags.Select(f => new { f.SubjectKind, f.SubjectId, f.OrganisationId, Since = f.FlaggedAt }))
            .GroupBy(w => new { w.SubjectKind, w.SubjectId, w.OrganisationId })
            .Select(g => new { g.Key.SubjectKind, g.Key.SubjectId, g.Key.OrganisationId, Since = g.Min(w => w.Since) });
        var total = await waiting.CountAsync(ct);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var rows = await waiting.OrderBy(w => w.Since).ThenBy(w => w.SubjectId).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);

        var ids = rows.Select(r => r.SubjectId).ToList();
        var heldIds = (await holds.Where(h => ids.Contains(h.SubjectId)).Select(h => new { h.SubjectKind, h.SubjectId }).ToListAsync(ct))
            .Select(h => new ModerationSubject(h.SubjectKind, h.SubjectId)).ToHashSet();
        var openFlags = (await flags.Where(f => ids.Contains(f.SubjectId)).Select(f => new { f.SubjectKind, f.SubjectId, f.Reason, f.Note }).ToListAsync(ct))
            .ToLookup(f => new ModerationSubject(f.SubjectKind, f.SubjectId));
        var names = await db.Organisations.AsNoTracking().Where(o => rows.Select(r => r.OrganisationId).Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);

        var items = new List<ModerationQueueItem>(rows.Count);
        foreach (var row in rows)
        {
            var subject = new ModerationSubject(row.SubjectKind, row.SubjectId);
            var info = await subjects.FindAsync(subject, ct);
            var subjectFlags = openFlags[subject].ToList();
            items.Add(new ModerationQueueItem(
                subject,
                names.GetValueOrDefault(row.OrganisationId, ""),
                info?.Excerpt ?? "(no longer exists)",
                info?.PublicPath ?? "",
                heldIds.Contains(subject),
                subjectFlags.Count,
                [.. subjectFlags.Where(f => f.Reason is not null).Select(f => f.Reason!.Value).Distinct().Order()],
                [.. subjectFlags.Where(f => f.Note is not null).Select(f => f.Note!)],
                row.Since));
        }

        var appeals = await (
            from a in db.Set<ModerationAppeal>().AsNoTracking()
            where a.Outcome == AppealOutcome.Pending
            join d in decisions on a.DecisionId equals d.Id
            join o in db.Organisations on d.OrganisationId equals o.Id
            orderby a.AppealedAt
            select new ModerationPendingAppeal(a.Id, d.Id, o.Name, d.SubjectKind, d.Reason ?? ModerationReason.Abuse, a.Text, a.AppealedAt)).Take(100).ToListAsync(ct);
        return new ModerationQueuePage(true, items, appeals, page, pageCount);
    }
}
