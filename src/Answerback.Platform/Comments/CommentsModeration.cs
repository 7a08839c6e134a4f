using Answerback.Platform.Data;
using Answerback.Platform.Moderation;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Comments;

/// <summary>Comments as moderation sees them: the thread owner's organisation, the author, the text, and the comment's place on its page.</summary>
public sealed class CommentsModeration(AnswerbackDbContext db, CommentThreads threads) : IModerationSubjects
{
    public const string Kind = "comment";

    public async Task<ModerationSubjectInfo?> FindAsync(ModerationSubject subject, CancellationToken ct)
    {
        if (subject.Kind != Kind)
        {
            return null;
        }

        var comment = await db.Set<Comment>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == subject.Id && c.DeletedAt == null, ct);
        if (comment is null || threads.Owner(comment.ThreadKind) is not { } owner || await owner.FindAsync(comment.ThreadId, ct) is not { } thread)
        {
            return null;
        }

        var excerpt = comment.Body.Length <= 300 ? comment.Body : comment.Body[..300] + "…";
        return new ModerationSubjectInfo(thread.OrganisationId, comment.AuthorPersonId, excerpt, CommentPaths.InPlace(thread.PublicPath, comment.Id));
    }
}

/// <summary>Where a comment is shown: its thread's page, at the comment's anchor.</summary>
public static class CommentPaths
{
    public static string InPlace(string threadPath, Guid commentId) => threadPath + "#comment-" + commentId;
}
