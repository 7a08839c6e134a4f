using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Answerback.Platform.Moderation;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Conversations;

/// <summary>A statement offered as making the same point, with how similar it is (0–1).</summary>
public sealed record SimilarStatement(Guid Id, int Number, string Text, double Similarity);

/// <summary>
/// What adding did: the statement added (<see cref="Added"/>), or, when the person has not yet
/// confirmed and near-duplicates exist, those statements (<see cref="Similar"/>) and nothing added.
/// </summary>
public sealed record StatementAddition(Statement? Added, IReadOnlyList<SimilarStatement> Similar, bool HeldForReview = false)
{
    public bool NeedsConfirmation => Added is null;
}

/// <summary>
/// A participant adds a statement (at most 280 characters). Unless <c>confirmed</c>, the
/// conversation's near-duplicates (<see cref="NearDuplicates"/>) are returned first ("is your point
/// one of these?"). Under pre-moderation the statement waits for a moderator.
/// </summary>
public sealed class AddStatement(AnswerbackDbContext db, ConversationRules rules, StatementModeration moderation, HoldForReview hold, TimeProvider time)
{
    public async Task<Result<StatementAddition>> RunAsync(Guid conversationId, Guid personId, string text, bool confirmed, CancellationToken ct = default)
    {
        text = (text ?? "").Trim();
        var conversation = await rules.FindAsync(conversationId, ct);
        if (conversation is null)
        {
            return Result.Failed<StatementAddition>("conversation", "The conversation does not exist.");
        }

        var now = time.GetUtcNow();
        if (conversation.ClosedReason(now) is { } closed)
        {
            return Result.Failed<StatementAddition>("conversation", closed);
        }

        var decision = await rules.MayAsync(conversation, personId, adding: true, ct);
        if (!decision.IsEligible)
        {
            return Result.Failed<StatementAddition>("eligibility", decision.Reason);
        }

        if (text.Length == 0 || text.Length > Statement.MaxLength)
        {
            return Result.Failed<StatementAddition>("text", text.Length == 0
                ? "Write your statement."
                : $"Your statement has {text.Length} characters; at most {Statement.MaxLength}.");
        }

        var existing = await SimilarAsync(conversationId, text, ct);
        if (existing.Any(s => string.Equals(s.Text, text, StringComparison.OrdinalIgnoreCase)))
        {
            return Result.Failed<StatementAddition>("text", "This statement is already in the conversation: vote on it instead.");
        }

        if (!confirmed && existing.Count > 0)
        {
            return Result.Ok(new StatementAddition(null, existing));
        }

        for (var attempt = 0; ; attempt++)
        {
            var number = (await db.Set<Statement>().Where(s => s.ConversationId == conversationId).MaxAsync(s => (int?)s.Number, ct) ?? 0) + 1;
            var statement = new Statement
            {
                Id = Guid.NewGuid(), ConversationId = conversationId, Number = number, Text = text, AuthorPersonId = personId,
                State = StatementState.Published, CreatedAt = now,
            };
            db.Set<Statement>().Add(statement);
            try
            {
                // Under pre-moderation the hold is saved with the statement (one unit of work), so it is never visible unheld.
                if (conversation.Moderation == ModerationPolicy.BeforePublication)
                {
                    await hold.RunAsync(new ModerationSubject(StatementModeration.Kind, statement.Id), conversation.OrganisationId, ct);
                }
                else
                {
                    await db.SaveChangesAsync(ct);
                }

                return Result.Ok(new StatementAddition(statement, [], conversation.Moderation == ModerationPolicy.BeforePublication));
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // Another statement took the number: take the next.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>The conversation's published statements that make the same point as <paramref name="text"/>.</summary>
    public async Task<IReadOnlyList<SimilarStatement>> SimilarAsync(Guid conversationId, string text, CancellationToken ct = default)
    {
        var statements = await moderation.Visible(conversationId).Select(s => new { s.Id, s.Number, s.Text }).ToListAsync(ct);
        return [.. NearDuplicates.Find(text ?? "", statements, s => s.Text)
            .Select(m => new SimilarStatement(m.Item.Id, m.Item.Number, m.Item.Text, m.Similarity))];
    }
}
