using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Answerback.Platform.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Conversations;

/// <summary>What a moderator did to a statement.</summary>
public sealed record StatementReviewed(Guid StatementId, StatementState State);

/// <summary>
/// A moderator (or organiser) of the conversation's organisation approves a statement held for
/// review, or hides one. The map is recomputed without a hidden statement's votes.
/// </summary>
public sealed class ReviewStatement(AnswerbackDbContext db, OrganisationAccess access, IMapRecomputeTrigger trigger)
{
    public Task<Result<StatementReviewed>> ApproveAsync(Guid statementId, Guid actorPersonId, CancellationToken ct = default)
        => SetAsync(statementId, actorPersonId, StatementState.Published, ct);

    public Task<Result<StatementReviewed>> HideAsync(Guid statementId, Guid actorPersonId, CancellationToken ct = default)
        => SetAsync(statementId, actorPersonId, StatementState.Hidden, ct);

    private async Task<Result<StatementReviewed>> SetAsync(Guid statementId, Guid actorPersonId, StatementState state, CancellationToken ct)
    {
        var found = await db.Set<Statement>().Where(s => s.Id == statementId)
            .Select(s => new { s.ConversationId, s.Conversation!.OrganisationId }).FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return Result.Failed<StatementReviewed>("statement", "The statement does not exist.");
        }

        if (!await access.IsModeratorAsync(actorPersonId, found.OrganisationId, ct))
        {
            return Result.Failed<StatementReviewed>("organisation", "Only a moderator or organiser of the organisation can moderate its statements.");
        }

        await db.Set<Statement>().Where(s => s.Id == statementId).ExecuteUpdateAsync(u => u.SetProperty(s => s.State, state), ct);
        trigger.VotesChanged(found.ConversationId);
        return Result.Ok(new StatementReviewed(statementId, state));
    }
}
