using Answerback.Platform.Data;
using Answerback.Platform.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Moderation;

/// <summary>One hide decision on the public log: what, when, which rule, which role, and the appeal's state. Never who.</summary>
public sealed record ModerationLogEntry(
    Guid DecisionId,
    DateTimeOffset DecidedAt,
    string OrganisationName,
    string OrganisationSlug,
    string SubjectKind,
    string PublicPath,
    ModerationReason Reason,
    ModerationRole Role,
    AppealOutcome? Appeal,
    bool Overturned);

/// <summary>A page of the public log, newest first.</summary>
public sealed record ModerationLogPage(IReadOnlyList<ModerationLogEntry> Entries, int Page, int PageCount, int Total, Organisation? Organisation);

/// <summary>A decision's public page; the appeal text and the right to appeal only for its author (and the text for moderators).</summary>
public sealed record ModerationDecisionView(
    ModerationLogEntry Entry,
    DateTimeOffset? AppealedAt,
    string? AppealText,
    string? Response,
    DateTimeOffset? AppealDecidedAt,
    ModerationRole? AppealDeciderRole,
    bool ViewerIsAuthor,
    bool ViewerMayAppeal,
    bool ViewerModerates,
    Guid? PendingAppealId);

/// <summary>The public moderation log.</summary>
public sealed class ModerationLog(AnswerbackDbContext db, ModeratorRoles roles)
{
    public const int PageSize = 50;

    /// <summary>
    /// The hide decisions, newest first, <see cref="PageSize"/> a page, optionally of one organisation
    /// (by its slug); null when that organisation does not exist.
    /// </summary>
    public async Task<ModerationLogPage?> PageAsync(string? organisationSlug, int page, CancellationToken ct = default)
    {
        Organisation? organisation = null;
        if (!string.IsNullOrWhiteSpace(organisationSlug))
        {
            organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == organisationSlug, ct);
            if (organisation is null)
            {
                return null;
            }
        }

        var decisions = db.Set<ModerationDecision>().AsNoTracking().Where(d => d.Action == ModerationAction.Hidden);
        if (organisation is not null)
        {
            decisions = decisions.Where(d => d.OrganisationId == organisation.Id);
        }

        var total = await decisions.CountAsync(ct);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var entries = await Entries(decisions.OrderByDescending(d => d.DecidedAt).ThenBy(d => d.Id).Skip((page - 1) * PageSize).Take(PageSize)).ToListAsync(ct);
        return new ModerationLogPage(entries, page, pageCount, total, organisation);
    }

    /// <summary>The decision's page as <paramref name="viewer"/> (null: signed out) sees it; null when there is no such hide decision.</summary>
    public async Task<ModerationDecisionView?> DecisionAsync(Guid decisionId, Guid? viewer, CancellationToken ct = default)
    {
        var decision = await db.Set<ModerationDecision>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == decisionId && d.Action == ModerationAction.Hidden, ct);
        if (decision is null)
        {
            return null;
        }

        var entry = await Entries(db.Set<ModerationDecision>().AsNoTracking().Where(d => d.Id == decisionId)).SingleAsync(ct);
        var appeal = await db.Set<ModerationAppeal>().AsNoTracking().FirstOrDefaultAsync(a => a.DecisionId == decisionId, ct);
        var isAuthor = viewer is { } v && decision.AuthorPersonId == v;
        var moderates = viewer is { } m && await roles.RoleAsync(m, decision.OrganisationId, ct) is not null;
        return new ModerationDecisionView(
            entry,
            appeal?.AppealedAt,
            isAuthor || moderates ? appeal?.Text : null,
            appeal?.Response,
            appeal?.DecidedAt,
            appeal?.DeciderRole,
            isAuthor,
            isAuthor && appeal is null,
            moderates,
            moderates && appeal is { Outcome: AppealOutcome.Pending } ? appeal.Id : null);
    }

    private IQueryable<ModerationLogEntry> Entries(IQueryable<ModerationDecision> decisions)
        => from d in decisions
           join o in db.Organisations on d.OrganisationId equals o.Id
           let appeal = db.Set<ModerationAppeal>().Where(a => a.DecisionId == d.Id).Select(a => (AppealOutcome?)a.Outcome).FirstOrDefault()
           select new ModerationLogEntry(d.Id, d.DecidedAt, o.Name, o.Slug, d.SubjectKind, d.PublicPath, d.Reason ?? ModerationReason.Abuse, d.ModeratorRole, appeal, d.OverturnedAt != null);
}
