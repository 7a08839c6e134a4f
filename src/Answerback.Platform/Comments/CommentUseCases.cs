using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Answerback.Platform.Moderation;
using Answerback.Platform.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Answerback.Platform.Comments;

/// <summary>
/// Posts a comment or a reply, for people who may take part in the thread's underlying thing. A
/// reply tells the parent's author (<see cref="NotificationKind.CommentReply"/>, once per reply).
/// </summary>
public sealed class PostComment(AnswerbackDbContext db, CommentThreads threads, INotify notify, IOptions<CommentsOptions> options, TimeProvider time)
{
    public const int MaxLength = 5000;

    public async Task<Result<Comment>> RunAsync(string threadKind, Guid threadId, Guid? parentId, Guid personId, string? body, CancellationToken ct = default)
    {
        var owner = threads.Owner(threadKind);
        var thread = owner is null ? null : await owner.FindAsync(threadId, ct);
        if (owner is null || thread is null)
        {
            return Result.Failed<Comment>("thread", "There is no such discussion.");
        }

        var eligibility = await owner.MayTakePartAsync(threadId, personId, ct);
        if (!eligibility.IsEligible)
        {
            return Result.Failed<Comment>("eligibility", eligibility.Reason);
        }

        body = (body ?? "").Trim();
        var fingerprint = CommentText.Fingerprint(body);
        if (fingerprint.Length == 0 || body.Length > MaxLength)
        {
            return Result.Failed<Comment>("body", fingerprint.Length == 0 ? "Write your comment." : $"A comment must be at most {MaxLength:N0} characters.");
        }

        Comment? parent = null;
        if (parentId is { } pid)
        {
            parent = await db.Set<Comment>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == pid && c.ThreadKind == threadKind && c.ThreadId == threadId, ct);
            if (parent is null)
            {
                return Result.Failed<Comment>("parent", "The comment you are replying to is not in this discussion.");
            }
        }

        var now = time.GetUtcNow();
        var limits = options.Value;
        await EnsurePosterAsync(personId, now, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The write lock that makes one person's posts run one at a time (see CommentPoster).
        await db.Set<CommentPoster>().Where(p => p.PersonId == personId).ExecuteUpdateAsync(s => s.SetProperty(p => p.LastPostedAt, now), ct);

        var recent = await db.Set<Comment>().AsNoTracking()
            .Where(c => c.AuthorPersonId == personId && c.CreatedAt > now.AddHours(-1))
            .Select(c => new { c.CreatedAt, c.Fingerprint, c.DeletedAt }).ToListAsync(ct);
        var repeat = recent.Where(c => c.DeletedAt == null && c.CreatedAt > now - limits.RepeatWindow)
            .FirstOrDefault(c => CommentText.NearlyIdentical(c.Fingerprint, fingerprint));
        if (repeat is not null)
        {
            var minutes = Math.Max(1, (int)Math.Ceiling((now - repeat.CreatedAt).TotalMinutes));
            return Result.Failed<Comment>("body", $"You posted nearly the same comment {minutes} minute{(minutes == 1 ? "" : "s")} ago; it is already there, so this one was not posted.");
        }

        if (recent.Count(c => c.CreatedAt > now.AddMinutes(-1)) >= limits.PerMinute || recent.Count >= limits.PerHour)
        {
            return Result.Failed<Comment>("body", $"You have posted many comments in a short time (at most {limits.PerMinute} a minute and {limits.PerHour} an hour). Please wait a little and post again.");
        }

        var id = Guid.NewGuid();
        var comment = new Comment
        {
            Id = id,
            ThreadKind = threadKind,
            ThreadId = threadId,
            ParentId = parent?.Id,
            RootId = parent?.RootId ?? id,
            Depth = parent is null ? 0 : parent.Depth + 1,
            AuthorPersonId = personId,
            Body = body,
            BodyHtml = MarkdownText.CommentToHtml(body),
            Fingerprint = fingerprint,
            CreatedAt = now,
        };
        db.Set<Comment>().Add(comment);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (parent is { DeletedAt: null, AuthorPersonId: { } parentAuthor } && parentAuthor != personId)
        {
            await NotifyReplyAsync(parentAuthor, comment, thread, ct);
        }

        return Result.Ok(comment);
    }

    private async Task NotifyReplyAsync(Guid parentAuthor, Comment reply, CommentThreadInfo thread, CancellationToken ct)
    {
        var name = await db.Users.AsNoTracking().Where(u => u.Id == reply.AuthorPersonId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "Someone";
        var subject = $"{name} replied to your comment on {thread.Title}";
        await notify.NotifyAsync(new Notification(
            NotificationKind.CommentReply, parentAuthor, "comment-reply:" + reply.Id.ToString("N"),
            Notification.SubjectLine(subject), Notification.Excerpt(subject + ":\n\n" + reply.Body),
            CommentPaths.InPlace(thread.PublicPath, reply.Id)), ct);
    }

    /// <summary>Makes sure the person's <see cref="CommentPoster"/> row exists (outside the transaction: a concurrent first post may insert it first).</summary>
    private async Task EnsurePosterAsync(Guid personId, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.Set<CommentPoster>().AnyAsync(p => p.PersonId == personId, ct))
        {
            return;
        }

        try
        {
            db.Set<CommentPoster>().Add(new CommentPoster { PersonId = personId, LastPostedAt = now });
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }
    }
}

/// <summary>The author edits a comment within the edit window; the version it replaces is kept in the public history.</summary>
public sealed class EditComment(AnswerbackDbContext db, ModerationStatus moderation, IOptions<CommentsOptions> options, TimeProvider time)
{
    public async Task<Result<Comment>> RunAsync(Guid commentId, Guid personId, string? body, CancellationToken ct = default)
    {
        var comment = await db.Set<Comment>().FirstOrDefaultAsync(c => c.Id == commentId, ct);
        if (comment is null || comment.DeletedAt is not null)
        {
            return Result.Failed<Comment>("comment", "There is no such comment.");
        }

        if (comment.AuthorPersonId != personId)
        {
            return Result.Failed<Comment>("comment", "Only its author may edit a comment.");
        }

        var now = time.GetUtcNow();
        if (now - comment.CreatedAt > options.Value.EditWindow)
        {
            return Result.Failed<Comment>("comment", $"A comment can be edited for {options.Value.EditWindow.TotalMinutes:0} minutes after posting; this one can no longer be changed.");
        }

        if ((await moderation.HiddenAsync(CommentsModeration.Kind, [commentId], ct)).Count > 0)
        {
            return Result.Failed<Comment>("comment", "A hidden comment cannot be edited; its author may appeal the decision on the moderation log.");
        }

        body = (body ?? "").Trim();
        var fingerprint = CommentText.Fingerprint(body);
        if (fingerprint.Length == 0 || body.Length > PostComment.MaxLength)
        {
            return Result.Failed<Comment>("body", fingerprint.Length == 0 ? "Write your comment, or delete it." : $"A comment must be at most {PostComment.MaxLength:N0} characters.");
        }

        if (body == comment.Body)
        {
            return Result.Ok(comment);
        }

        db.Set<CommentRevision>().Add(new CommentRevision { Id = Guid.NewGuid(), CommentId = comment.Id, BodyHtml = comment.BodyHtml, WrittenAt = comment.EditedAt ?? comment.CreatedAt, ReplacedAt = now });
        comment.Body = body;
        comment.BodyHtml = MarkdownText.CommentToHtml(body);
        comment.Fingerprint = fingerprint;
        comment.EditedAt = now;
        await db.SaveChangesAsync(ct);
        return Result.Ok(comment);
    }
}

/// <summary>The author deletes a comment: its text and history go, a placeholder keeps the replies in place.</summary>
public sealed class DeleteComment(AnswerbackDbContext db, TimeProvider time)
{
    public async Task<Result<Comment>> RunAsync(Guid commentId, Guid personId, CancellationToken ct = default)
    {
        var comment = await db.Set<Comment>().FirstOrDefaultAsync(c => c.Id == commentId, ct);
        if (comment is null || comment.DeletedAt is not null)
        {
            return Result.Failed<Comment>("comment", "There is no such comment.");
        }

        if (comment.AuthorPersonId != personId)
        {
            return Result.Failed<Comment>("comment", "Only its author may delete a comment.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Set<CommentRevision>().Where(r => r.CommentId == commentId).ExecuteDeleteAsync(ct);
        comment.Body = "";
        comment.BodyHtml = "";
        comment.Fingerprint = "";
        comment.DeletedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Result.Ok(comment);
    }
}
