using Answerback.Platform.Comments;
using Answerback.Platform.Data;
using Answerback.Platform.Eligibility;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Conversations;

/// <summary>
/// The discussion of a report and the organisation's response to it, on the report's page
/// (<c>/conversations/{id}/reports/{number}</c>; the thread's id is the report's). Those who may vote
/// in the conversation may comment, also after it has ended (the response comes later); everyone
/// may read; the conversation's organisation moderates.
/// </summary>
public sealed class ReportCommentThreads(AnswerbackDbContext db, ConversationRules rules) : ICommentThreadOwner
{
    public const string ThreadKind = "conversation-report";

    public string Kind => ThreadKind;

    public async Task<CommentThreadInfo?> FindAsync(Guid threadId, CancellationToken ct)
    {
        var row = await db.Set<Report>().AsNoTracking().Where(r => r.Id == threadId)
            .Select(r => new { r.ConversationId, r.Number, r.Conversation!.OrganisationId, r.Conversation.Topic }).FirstOrDefaultAsync(ct);
        return row is null ? null : new CommentThreadInfo(row.OrganisationId, ConversationPaths.Report(row.ConversationId, row.Number), $"Report {row.Number}: {row.Topic}");
    }

    public async Task<EligibilityDecision> MayTakePartAsync(Guid threadId, Guid personId, CancellationToken ct)
    {
        var conversationId = await db.Set<Report>().AsNoTracking().Where(r => r.Id == threadId).Select(r => (Guid?)r.ConversationId).FirstOrDefaultAsync(ct);
        return conversationId is { } id && await rules.FindAsync(id, ct) is { } set
            ? await rules.MayAsync(set, personId, adding: false, ct)
            : new EligibilityDecision(false, "There is no such report.");
    }
}

/// <summary>Paths of the conversation pages that notifications and comment threads link to.</summary>
public static class ConversationPaths
{
    public static string Report(Guid conversationId, int number) => $"/conversations/{conversationId}/reports/{number.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
