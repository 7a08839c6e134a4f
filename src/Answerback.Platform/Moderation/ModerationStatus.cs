using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Moderation;

/// <summary>
/// What the owning capabilities ask before they show content: which subjects are hidden (show the
/// <c>Moderation/_Hidden</c> placeholder with the reason instead of the text) and which are held for
/// review (show them to nobody but their author and the moderators).
/// </summary>
public sealed class ModerationStatus(AnswerbackDbContext db)
{
    /// <summary>The hidden subjects among <paramref name="ids"/> of one kind, with the reason each was hidden for.</summary>
    public async Task<IReadOnlyDictionary<Guid, ModerationReason>> HiddenAsync(string kind, IReadOnlyCollection<Guid> ids, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return new Dictionary<Guid, ModerationReason>();
        }

        var rows = await HiddenDecisions(kind).Where(d => ids.Contains(d.SubjectId))
            .Select(d => new { d.SubjectId, d.Reason }).ToListAsync(ct);
        return rows.GroupBy(r => r.SubjectId).ToDictionary(g => g.Key, g => g.First().Reason ?? ModerationReason.Abuse);
    }

    /// <summary>The subjects among <paramref name="ids"/> of one kind that are held for review.</summary>
    public async Task<IReadOnlySet<Guid>> HeldAsync(string kind, IReadOnlyCollection<Guid> ids, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return new HashSet<Guid>();
        }

        return (await HeldIds(kind).Where(id => ids.Contains(id)).ToListAsync(ct)).ToHashSet();
    }

    /// <summary>The ids of one kind's hidden subjects, to compose into a capability's own query (e.g. to leave them out of a count).</summary>
    public IQueryable<Guid> HiddenIds(string kind) => HiddenDecisions(kind).Select(d => d.SubjectId);

    /// <summary>The ids of one kind's held subjects, to compose into a capability's own query (e.g. to leave them out of a public list).</summary>
    public IQueryable<Guid> HeldIds(string kind)
        => db.Set<ModerationHold>().AsNoTracking().Where(h => h.SubjectKind == kind).Select(h => h.SubjectId);

    private IQueryable<ModerationDecision> HiddenDecisions(string kind)
        => db.Set<ModerationDecision>().AsNoTracking()
            .Where(d => d.SubjectKind == kind && d.Action == ModerationAction.Hidden && d.OverturnedAt == null);
}
