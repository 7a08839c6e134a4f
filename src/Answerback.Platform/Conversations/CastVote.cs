using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

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

        var vote = (short)value;
        var changed = await UpsertAsync(conversationId, statementId, Vote.ParticipantOf(personId), vote, now, ct);
        trigger.VotesChanged(conversationId);
        return Result.Ok(new VoteCast(statementId, vote, changed));
    }

    /// <summary>
    /// One command, the same on both providers: insert the first vote, or change the row that is there (two
    /// requests of one person at once meet on the key, not in an exception), and raise the conversation's
    /// <see cref="Conversation.VoteSequence"/> after it, in the same transaction, so the map's staleness follows
    /// the order votes commit in (the row lock on the conversation is held only from the raise to the commit).
    /// RETURNING says which: a changed vote keeps its first time and gets a new one.
    /// </summary>
    private const string UpsertSql = """
        INSERT INTO "ConversationVotes" ("StatementId", "Participant", "ConversationId", "Value", "FirstCastAt", "CastAt")
        VALUES (@statement, @participant, @conversation, @value, @now, @now)
        ON CONFLICT ("StatementId", "Participant") DO UPDATE SET "Value" = excluded."Value", "CastAt" = excluded."CastAt"
        RETURNING "FirstCastAt" <> "CastAt";
        UPDATE "Conversation" SET "VoteSequence" = "VoteSequence" + 1 WHERE "Id" = @conversation;
        """;

    private async Task<bool> UpsertAsync(Guid conversationId, Guid statementId, string participant, short vote, DateTimeOffset now, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // PostgreSQL runs the statements of one command as one implicit transaction (one round trip);
            // SQLite runs each on its own unless a transaction holds them.
            await using var transaction = db.Database.CurrentTransaction is null && db.Database.IsSqlite() ? await db.Database.BeginTransactionAsync(ct) : null;
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = UpsertSql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            // The model's own mappings, so SQLite's stored instants and ids match what EF writes elsewhere.
            var entity = db.Model.FindEntityType(typeof(Vote))!;
            void Add(string property, string name, object value)
                => command.Parameters.Add(entity.FindProperty(property)!.GetRelationalTypeMapping().CreateParameter(command, name, value));
            Add(nameof(Vote.StatementId), "@statement", statementId);
            Add(nameof(Vote.Participant), "@participant", participant);
            Add(nameof(Vote.ConversationId), "@conversation", conversationId);
            Add(nameof(Vote.Value), "@value", vote);
            Add(nameof(Vote.CastAt), "@now", now);
            bool changed;
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                changed = await reader.ReadAsync(ct) && reader.GetBoolean(0);
                while (await reader.NextResultAsync(ct))
                {
                }
            }

            if (transaction is not null)
            {
                await transaction.CommitAsync(ct);
            }

            return changed;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

/// <summary>Asks for a conversation's map to be recomputed soon (debounced; never runs on the caller's thread).</summary>
public interface IMapRecomputeTrigger
{
    void VotesChanged(Guid conversationId);
}
