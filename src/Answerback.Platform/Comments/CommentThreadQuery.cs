using Answerback.Platform.Data;
using Answerback.Platform.Moderation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Answerback.Platform.Comments;

/// <summary>What a comment shows: its text (or why not), who and when, and what the viewer may do with it.</summary>
public sealed record CommentView(
    Guid Id,
    Guid? ParentId,
    int Depth,
    string AuthorName,
    string BodyHtml,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    bool Deleted,
    ModerationReason? HiddenFor,
    bool ViewerIsAuthor,
    bool ViewerMayEdit);

/// <summary>
/// One page of a thread: top-level comments, oldest first, each followed by all its replies in reply
/// order (depth-first), whole branches up to about <see cref="CommentThreadQuery.PageSize"/> comments.
/// </summary>
public sealed record CommentThreadView(
    string Kind,
    Guid ThreadId,
    string PublicPath,
    string Title,
    int Total,
    int Page,
    int PageCount,
    IReadOnlyList<CommentView> Comments,
    bool ViewerSignedIn,
    bool ViewerMayTakePart,
    string? WhyNot,
    bool ViewerModerates);

/// <summary>Reads a thread for the <c>Comments/_Thread</c> partial: three indexed queries whatever the thread's size.</summary>
public sealed class CommentThreadQuery(AnswerbackDbContext db, CommentThreads threads, ModerationStatus moderation, ModeratorRoles roles, IOptions<CommentsOptions> options, TimeProvider time)
{
    /// <summary>About how many comments a page shows (whole branches; one long branch may exceed it).</summary>
    public const int PageSize = 100;

    /// <summary>The page of the thread as <paramref name="viewer"/> (null: signed out) sees it; null when the thread does not exist.</summary>
    public async Task<CommentThreadView?> PageAsync(string kind, Guid threadId, Guid? viewer, int page = 1, CancellationToken ct = default)
    {
        var owner = threads.Owner(kind);
        var thread = await ThreadAsync(kind, threadId, ct);
        if (owner is null || thread is null)
        {
            return null;
        }

        // Pages hold whole branches (a top-level comment and all its replies), as many as fit in
        // PageSize comments (at least one branch), so a page's size does not depend on how the
        // replies happen to be spread.
        var comments = db.Set<Comment>().AsNoTracking().Where(c => c.ThreadKind == kind && c.ThreadId == threadId);
        var branches = await (
            from r in comments
            where r.Depth == 0
            join c in comments on r.Id equals c.RootId into branch
            orderby r.CreatedAt, r.Id
            select new { r.Id, Size = branch.Count() }).ToListAsync(ct);
        var pages = new List<List<Guid>>();
        var size = 0;
        foreach (var branch in branches)
        {
            if (pages.Count == 0 || (size + branch.Size > PageSize && size > 0))
            {
                pages.Add([]);
                size = 0;
            }

            pages[^1].Add(branch.Id);
            size += branch.Size;
        }

        var total = branches.Sum(b => b.Size);
        var pageCount = Math.Max(1, pages.Count);
        page = Math.Clamp(page, 1, pageCount);
        List<Guid> rootIds = pages.Count == 0 ? [] : pages[page - 1];
        var rows = await (
            from c in db.Set<Comment>().AsNoTracking()
            where rootIds.Contains(c.RootId)
            join u in db.Users on c.AuthorPersonId equals u.Id into authors
            from u in authors.DefaultIfEmpty()
            select new { c.Id, c.ParentId, c.RootId, c.Depth, c.AuthorPersonId, Author = u == null ? null : u.DisplayName, c.BodyHtml, c.CreatedAt, c.EditedAt, c.DeletedAt }).ToListAsync(ct);
        var hidden = await moderation.HiddenAsync(CommentsModeration.Kind, [.. rows.Select(r => r.Id)], ct);

        var now = time.GetUtcNow();
        var editWindow = options.Value.EditWindow;
        var children = rows.ToLookup(r => r.ParentId);
        var ordered = new List<CommentView>(rows.Count);
        void Add(Guid? parent)
        {
            foreach (var r in children[parent].OrderBy(r => r.CreatedAt).ThenBy(r => r.Id))
            {
                var isAuthor = viewer is { } v && r.AuthorPersonId == v;
                var hiddenFor = hidden.TryGetValue(r.Id, out var reason) ? reason : (ModerationReason?)null;
                var deleted = r.DeletedAt is not null;
                ordered.Add(new CommentView(
                    r.Id, r.ParentId, r.Depth, r.Author ?? "A former member", hiddenFor is null && !deleted ? r.BodyHtml : "",
                    r.CreatedAt, r.EditedAt, deleted, hiddenFor, isAuthor,
                    isAuthor && !deleted && hiddenFor is null && now - r.CreatedAt <= editWindow));
                Add(r.Id);
            }
        }

        Add(null);

        var eligibility = viewer is { } person ? await owner.MayTakePartAsync(threadId, person, ct) : null;
        var moderates = viewer is { } m && await roles.RoleAsync(m, thread.OrganisationId, ct) is not null;
        return new CommentThreadView(kind, threadId, thread.PublicPath, thread.Title, total, page, pageCount, ordered,
            viewer is not null, eligibility?.IsEligible == true, eligibility is { IsEligible: false } ? eligibility.Reason : null, moderates);
    }

    /// <summary>The thread as its owner describes it; null when there is none.</summary>
    public async Task<CommentThreadInfo?> ThreadAsync(string kind, Guid threadId, CancellationToken ct = default)
        => threads.Owner(kind) is { } owner ? await owner.FindAsync(threadId, ct) : null;

    /// <summary>One comment as shown, for its reply, edit and delete pages: null when it is deleted or hidden.</summary>
    public Task<Comment?> FindAsync(Guid commentId, CancellationToken ct = default)
        => db.Set<Comment>().AsNoTracking()
            .Where(c => !moderation.HiddenIds(CommentsModeration.Kind).Contains(c.Id))
            .FirstOrDefaultAsync(c => c.Id == commentId && c.DeletedAt == null, ct);

    /// <summary>Where a comment's thread is shown (its page and the comment's anchor); null when either is gone.</summary>
    public async Task<string?> PathAsync(Comment comment, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(comment);
        return await ThreadAsync(comment.ThreadKind, comment.ThreadId, ct) is { } thread ? CommentPaths.InPlace(thread.PublicPath, comment.Id) : null;
    }

    /// <summary>A comment's public edit history, newest version first (the current text, then what it replaced); empty when it is deleted or hidden.</summary>
    public async Task<IReadOnlyList<(string BodyHtml, DateTimeOffset WrittenAt)>> HistoryAsync(Guid commentId, CancellationToken ct = default)
    {
        var comment = await FindAsync(commentId, ct);
        if (comment is null)
        {
            return [];
        }

        var revisions = await db.Set<CommentRevision>().AsNoTracking().Where(r => r.CommentId == commentId)
            .OrderByDescending(r => r.ReplacedAt).Select(r => new { r.BodyHtml, r.WrittenAt }).ToListAsync(ct);
        return [(comment.BodyHtml, comment.EditedAt ?? comment.CreatedAt), .. revisions.Select(r => (r.BodyHtml, r.WrittenAt))];
    }
}
