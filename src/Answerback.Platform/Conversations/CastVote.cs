using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Conversations;

/// <summary>A vote as recorded.</summary>
public sealed record VoteCast(Guid StatementId, short Value, bool Changed);

/// <summary>
/// Records a participant's agree (+1), disagree (−1) or pass (0) on a statement. The map is not
/// touched here: the recompute is only asked for (<see cref="IMapRecomputeTrigger"/>), so a vote
/// never waits for it.
/// </summary>
public sealed class CastVote(AnswerbackDbContext db, ConversationRules rules, StatementModeration moderation, IMapRecomputeTrigger trigger, TimeProvider time)
{
    public async Task<Result<VoteCast>> RunAsync(Guid conversationId, Guid statementId, Guid personId, int value, CancellationToken ct = default)
    {
        if (value is < -1 or > 1)
        {
            return Result.Failed<VoteCast>("vote", "A vote is agree, disagree or pass.");
        }

        var conversation = await rules.FindAsync(conversationId, ct);
        if (conversation is null)
        {
            return Result.Failed<VoteCast>("conversation", "The conversation does not exist.");
        }

        var now = time.GetUtcNow();
        if (conversation.ClosedReason(now) is { } closed)
        {
            return Result.Failed<VoteCast>("conversation", closed);
        }

        if (!await moderation.Visible(conversationId).AnyAsync(s => s.Id == statementId, ct))
        {
            return Result.Failed<VoteCast>("statement", "That statement is not open for votes.");
        }

        var decision = await rules.MayAsync(conversation, personId, adding: false, ct);
        if (!decision.IsEligible)
        {
            return Result.Failed<VoteCast>("eligibility", decision.Reason);
        }

        var participant = Vote.ParticipantOf(personId);
        var vote = (short)value;
        var changed = await UpdateAsync(statementId, participant, vote, now, ct);
        if (changed == 0)
        {
            db.Set<Vote>().Add(new Vote
            {
                StatementId = statementId, Participant = participant, ConversationId = conversationId, Value = vote, FirstCastAt = now, CastAt = now,
            });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // The same person's second request won the insert: theirs is the row, this is a change to it.
                db.ChangeTracker.Clear();
                if (await UpdateAsync(statementId, participant, vote, now, ct) == 0)
                {
                    throw;
                }
            }
        }

        trigger.VotesChanged(conversationId);
        return Result.Ok(new VoteCast(statementId, vote, changed > 0));
    }

    private Task<int> UpdateAsync(Guid statementId, string participant, short vote, DateTimeOffset now, CancellationToken ct)
        => db.Set<Vote>().Where(v => v.StatementId == statementId && v.Participant == participant)
            .ExecuteUpdateAsync(u => u.SetProperty(v => v.Value, vote).SetProperty(v => v.CastAt, now), ct);
}

/// <summary>Asks for a conversation's map to be recomputed soon (debounced; never runs on the caller's thread).</summary>
public interface IMapRecomputeTrigger
{
    void VotesChanged(Guid conversationId);
}
