using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Answerback.Platform.Moderation;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Conversations;

/// <summary>
/// A moderator (or organiser) of the conversation's organisation approves a held statement or hides
/// one for a reason of the fixed list, through the shared Moderation capability (which checks the
/// role and puts the decision on the public log); then the map is recomputed without a hidden
/// statement's votes.
/// </summary>
public sealed class ReviewStatement(AnswerbackDbContext db, ApproveContent approve, HideContent hide, IMapRecomputeTrigger trigger)
{
    public async Task<Result<ModerationDecision>> ApproveAsync(Guid statementId, Guid actorPersonId, CancellationToken ct = default)
        => await AfterAsync(await approve.RunAsync(new ModerationSubject(StatementModeration.Kind, statementId), actorPersonId, ct), statementId, ct);

    public async Task<Result<ModerationDecision>> HideAsync(Guid statementId, ModerationReason reason, Guid actorPersonId, CancellationToken ct = default)
        => await AfterAsync(await hide.RunAsync(new ModerationSubject(StatementModeration.Kind, statementId), reason, actorPersonId, ct), statementId, ct);

    private async Task<Result<ModerationDecision>> AfterAsync(Result<ModerationDecision> result, Guid statementId, CancellationToken ct)
    {
        if (result.Succeeded && await db.Set<Statement>().Where(s => s.Id == statementId).Select(s => (Guid?)s.ConversationId).FirstOrDefaultAsync(ct) is { } conversation)
        {
            trigger.VotesChanged(conversation);
        }

        return result;
    }
}
