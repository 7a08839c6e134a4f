using Answerback.Platform.Data;
using Answerback.Platform.Moderation;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Primaries;

/// <summary>
/// Hustings questions as the Moderation capability sees them (kind <c>hustings-question</c>): the
/// primary's organisation's moderators and organisers may hide one, only for a reason of the fixed
/// list, and its author may appeal once.
/// </summary>
public sealed class HustingsModerationSubjects(AnswerbackDbContext db) : IModerationSubjects
{
    public const string Kind = "hustings-question";

    public async Task<ModerationSubjectInfo?> FindAsync(ModerationSubject subject, CancellationToken ct)
    {
        if (!string.Equals(subject.Kind, Kind, StringComparison.Ordinal))
        {
            return null;
        }

        var row = await (
            from q in db.HustingsQuestions.AsNoTracking()
            join p in db.Primaries on q.PrimaryId equals p.Id
            where q.Id == subject.Id
            select new { p.OrganisationId, q.AuthorPersonId, q.Text, q.PrimaryId }).FirstOrDefaultAsync(ct);
        return row is null ? null : new ModerationSubjectInfo(row.OrganisationId, row.AuthorPersonId,
            row.Text.Length > 200 ? row.Text[..200] + "…" : row.Text, $"{HustingsRules.PagePath(row.PrimaryId)}#question-{subject.Id}");
    }
}
