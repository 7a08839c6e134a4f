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
        // One statement, the same on both providers: insert the first vote, or change the row that is
        // there (two requests of one person at once meet on the key, not in an exception). RETURNING
        // says which: a changed vote keeps its first time and gets a new one. The parameters take the
        // model's own mappings, so SQLite's stored instants and ids match what EF writes elsewhere.
        var changed = (await db.Database.SqlQueryRaw<bool>("""
            INSERT INTO "ConversationVotes" ("StatementId", "Participant", "ConversationId", "Value", "FirstCastAt", "CastAt")
            VALUES (@statement, @participant, @conversation, @value, @now, @now)
            ON CONFLICT ("StatementId", "Participant") DO UPDATE SET "Value" = excluded."Value", "CastAt" = excluded."CastAt"
            RETURNING "FirstCastAt" <> "CastAt" AS "Value"
            """,
            Parameter(nameof(Vote.StatementId), "@statement", statementId), Parameter(nameof(Vote.Participant), "@participant", participant),
            Parameter(nameof(Vote.ConversationId), "@conversation", conversationId), Parameter(nameof(Vote.Value), "@value", vote),
            Parameter(nameof(Vote.CastAt), "@now", now)).ToListAsync(ct)).Single();

        trigger.VotesChanged(conversationId);
        return Result.Ok(new VoteCast(statementId, vote, changed));
    }

    private System.Data.Common.DbParameter Parameter(string property, string name, object value)
    {
        var mapping = db.Model.FindEntityType(typeof(Vote))!.FindProperty(property)!.GetRelationalTypeMapping();
        using var command = db.Database.GetDbConnection().CreateCommand();
        return mapping.CreateParameter(command, name, value);
    }
}

/// <summary>Asks for a conversation's map to be recomputed soon (debounced; never runs on the caller's thread).</summary>
public interface IMapRecomputeTrigger
{
    void VotesChanged(Guid conversationId);
}
