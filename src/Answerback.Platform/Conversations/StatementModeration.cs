using Answerback.Platform.Data;
using Answerback.Platform.Moderation;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Conversations;

/// <summary>A conversation's statements as moderation left them: held for review, or hidden with a reason.</summary>
public sealed record ModeratedStatements(IReadOnlySet<Guid> Held, IReadOnlyDictionary<Guid, ModerationReason> Hidden)
{
    public bool IsHidden(Statement statement) => statement.State == StatementState.Hidden || Hidden.ContainsKey(statement.Id);

    /// <summary>The reason a moderator hid it (null when it is not hidden, or came hidden in an import).</summary>
    public ModerationReason? ReasonFor(Guid statementId) => Hidden.TryGetValue(statementId, out var r) ? r : null;
}

/// <summary>
/// Statements under the shared Moderation capability (subject kind <see cref="Kind"/>): moderation's
/// decisions are the one source of which statements are held or hidden, so a statement hidden from
/// the moderation queue or log disappears here too. An imported statement Pol.is moderated out keeps
/// <see cref="StatementState.Hidden"/> (no decision of ours stands behind it).
/// </summary>
public sealed class StatementModeration(AnswerbackDbContext db, ModerationStatus status)
{
    public const string Kind = "statement";

    /// <summary>The statements of the conversation people may see and vote on.</summary>
    public IQueryable<Statement> Visible(Guid conversationId)
        => db.Set<Statement>().AsNoTracking().Where(s => s.ConversationId == conversationId && s.State == StatementState.Published
            && !status.HeldIds(Kind).Contains(s.Id) && !status.HiddenIds(Kind).Contains(s.Id));

    /// <summary>The statements not held for review (visible or hidden: both are on the page and in the map's input).</summary>
    public IQueryable<Statement> NotHeld(Guid conversationId)
        => db.Set<Statement>().AsNoTracking().Where(s => s.ConversationId == conversationId && !status.HeldIds(Kind).Contains(s.Id));

    public async Task<ModeratedStatements> ForConversationAsync(Guid conversationId, CancellationToken ct)
    {
        var ids = db.Set<Statement>().Where(s => s.ConversationId == conversationId).Select(s => s.Id);
        var held = await status.HeldIds(Kind).Where(id => ids.Contains(id)).ToListAsync(ct);
        var hidden = await status.HiddenAsync(Kind, await status.HiddenIds(Kind).Where(id => ids.Contains(id)).ToListAsync(ct), ct);
        return new ModeratedStatements(held.ToHashSet(), hidden);
    }
}

/// <summary>What moderation needs of a statement: the organisation whose rules apply, its author, its text and page.</summary>
internal sealed class StatementModerationSubjects(AnswerbackDbContext db) : IModerationSubjects
{
    public async Task<ModerationSubjectInfo?> FindAsync(ModerationSubject subject, CancellationToken ct)
    {
        if (!string.Equals(subject.Kind, StatementModeration.Kind, StringComparison.Ordinal))
        {
            return null;
        }

        var s = await db.Set<Statement>().AsNoTracking().Where(x => x.Id == subject.Id)
            .Select(x => new { x.ConversationId, x.Conversation!.OrganisationId, x.AuthorPersonId, x.Text }).FirstOrDefaultAsync(ct);
        return s is null ? null : new ModerationSubjectInfo(s.OrganisationId, s.AuthorPersonId, s.Text, $"/conversations/{s.ConversationId}");
    }
}
