using Answerback.Platform.Comments;
using Answerback.Platform.Data;
using Answerback.Platform.Eligibility;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Primaries;

/// <summary>
/// Who may comment on a primary's pages: its electorate (those who may vote, ask and support
/// questions) and its approved candidates, who take part by standing. Everyone may read.
/// </summary>
internal static class PrimaryCommenters
{
    public static async Task<EligibilityDecision> DecideAsync(AnswerbackDbContext db, CheckEligibility eligibility, Guid primaryId, Guid personId, CancellationToken ct)
    {
        var primary = await db.Primaries.AsNoTracking().FirstOrDefaultAsync(p => p.Id == primaryId && p.PublishedAt != null, ct);
        if (primary is null)
        {
            return new EligibilityDecision(false, "There is no such primary.");
        }

        var decision = await eligibility.CheckAsync(personId, primary.ElectorateRule(), ct);
        if (!decision.IsEligible && await db.Candidates.AnyAsync(c => c.PrimaryId == primaryId && c.PersonId == personId && c.Status == CandidateStatus.Approved, ct))
        {
            return new EligibilityDecision(true, "You are a candidate in this primary.");
        }

        return decision;
    }
}

/// <summary>The discussion on a published primary's public page (<c>/primaries/{id}</c>), looked after by its organisation's moderators.</summary>
public sealed class PrimaryCommentThreads(AnswerbackDbContext db, CheckEligibility eligibility) : ICommentThreadOwner
{
    public const string ThreadKind = "primary";

    public string Kind => ThreadKind;

    public async Task<CommentThreadInfo?> FindAsync(Guid threadId, CancellationToken ct)
    {
        var primary = await db.Primaries.AsNoTracking().Where(p => p.Id == threadId && p.PublishedAt != null)
            .Select(p => new { p.OrganisationId, p.Title }).FirstOrDefaultAsync(ct);
        return primary is null ? null : new CommentThreadInfo(primary.OrganisationId, $"/primaries/{threadId}", primary.Title);
    }

    public Task<EligibilityDecision> MayTakePartAsync(Guid threadId, Guid personId, CancellationToken ct)
        => PrimaryCommenters.DecideAsync(db, eligibility, threadId, personId, ct);
}

/// <summary>
/// The discussion of an approved candidate's statement and hustings answers, on their page
/// (<c>/primaries/{id}/candidates/{candidateId}</c>; the thread's id is the candidate's).
/// </summary>
public sealed class CandidateCommentThreads(AnswerbackDbContext db, CheckEligibility eligibility) : ICommentThreadOwner
{
    public const string ThreadKind = "candidate";

    public string Kind => ThreadKind;

    public async Task<CommentThreadInfo?> FindAsync(Guid threadId, CancellationToken ct)
    {
        var row = await (
            from c in db.Candidates.AsNoTracking()
            join p in db.Primaries on c.PrimaryId equals p.Id
            join u in db.Users on c.PersonId equals u.Id
            where c.Id == threadId && c.Status == CandidateStatus.Approved && p.PublishedAt != null
            select new { p.Id, p.OrganisationId, p.Title, u.DisplayName }).FirstOrDefaultAsync(ct);
        return row is null ? null : new CommentThreadInfo(row.OrganisationId, $"/primaries/{row.Id}/candidates/{threadId}", $"{row.DisplayName}, {row.Title}");
    }

    public async Task<EligibilityDecision> MayTakePartAsync(Guid threadId, Guid personId, CancellationToken ct)
    {
        var primaryId = await db.Candidates.AsNoTracking().Where(c => c.Id == threadId && c.Status == CandidateStatus.Approved).Select(c => (Guid?)c.PrimaryId).FirstOrDefaultAsync(ct);
        return primaryId is { } id
            ? await PrimaryCommenters.DecideAsync(db, eligibility, id, personId, ct)
            : new EligibilityDecision(false, "There is no such candidate.");
    }
}
