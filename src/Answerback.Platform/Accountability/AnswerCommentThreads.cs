using Answerback.Platform.Comments;
using Answerback.Platform.Data;
using Answerback.Platform.Eligibility;
using Answerback.Platform.Moderation;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Accountability;

/// <summary>
/// The discussion of a resident's question and the representatives' public answers to it, under the
/// question on the page of the representative who answered first (<c>/representatives/{id}</c>, the
/// comments' own anchors place them; the thread's id is the question's). A question has a thread once a representative has answered it and
/// while no moderator has hidden it. Those who may ask the question may comment (verified residents
/// of the area, <see cref="VerifiedResidentOf"/>), and so may the representatives it went to, who
/// take part by answering; everyone may read; the organisation keeping the entries moderates.
/// </summary>
public sealed class AnswerCommentThreads(AnswerbackDbContext db, CheckEligibility eligibility, ModerationStatus moderation) : ICommentThreadOwner
{
    public const string ThreadKind = "representative-answer";

    private const string NoThread = "There is no such answered question.";

    private readonly Dictionary<Guid, Answered?> answered = [];

    public string Kind => ThreadKind;

    public async Task<CommentThreadInfo?> FindAsync(Guid threadId, CancellationToken ct)
    {
        var row = await AnsweredAsync(threadId, ct);
        if (row is null)
        {
            return null;
        }

        var text = row.Text.Length > 80 ? row.Text[..80] + "…" : row.Text;
        return new CommentThreadInfo(row.OwnerOrganisationId, $"/representatives/{row.FirstAnswered}", $"{row.FirstAnsweredName} answers “{text}”");
    }

    public async Task<EligibilityDecision> MayTakePartAsync(Guid threadId, Guid personId, CancellationToken ct)
    {
        var row = await AnsweredAsync(threadId, ct);
        if (row is null)
        {
            return new EligibilityDecision(false, NoThread);
        }

        var decision = await eligibility.CheckAsync(personId, new VerifiedResidentOf(row.AreaId), ct);
        if (!decision.IsEligible && await db.Set<QuestionRecipient>().AnyAsync(r => r.QuestionId == threadId
                && db.Set<Representative>().Any(rep => rep.Id == r.RepresentativeId && rep.PersonId == personId), ct))
        {
            return new EligibilityDecision(true, "The question was sent to you.");
        }

        return decision;
    }

    /// <summary>
    /// The answered, visible question with its first answerer's name, in one query, remembered for the
    /// scope (one request): a thread's page asks for it twice (the thread, then who may take part).
    /// </summary>
    private async Task<Answered?> AnsweredAsync(Guid questionId, CancellationToken ct)
    {
        if (answered.TryGetValue(questionId, out var known))
        {
            return known;
        }

        var hidden = moderation.HiddenIds(RepresentativeQuestionSubjects.Kind);
        var row = await db.Set<RepresentativeQuestion>().AsNoTracking().Where(q => q.Id == questionId && !hidden.Contains(q.Id))
            .Select(q => new
            {
                q.AreaId,
                q.OwnerOrganisationId,
                q.Text,
                First = q.Recipients.Where(r => r.AnswerText != null).OrderBy(r => r.AnsweredAt).Select(r => (Guid?)r.RepresentativeId).FirstOrDefault(),
            })
            .Where(q => q.First != null)
            .Select(q => new Answered(q.AreaId, q.OwnerOrganisationId, q.Text, q.First!.Value,
                db.Set<Representative>().Where(r => r.Id == q.First).Select(r => r.Name).FirstOrDefault() ?? ""))
            .FirstOrDefaultAsync(ct);
        answered[questionId] = row;
        return row;
    }

    private sealed record Answered(Guid AreaId, Guid OwnerOrganisationId, string Text, Guid FirstAnswered, string FirstAnsweredName);
}
