using Answerback.Platform.Comments;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Comments;

/// <summary>A page about one shown comment: loads it (404 when deleted or hidden) and the path back to it.</summary>
public abstract class CommentPageModel(CommentThreadQuery query) : PageModel
{
    public Comment Comment { get; private set; } = null!;

    public string BackPath { get; private set; } = "/";

    protected CommentThreadQuery Query => query;

    protected async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var comment = await query.FindAsync(id, ct);
        if (comment is null || await query.PathAsync(comment, ct) is not { } path)
        {
            return false;
        }

        Comment = comment;
        BackPath = path;
        return true;
    }
}

/// <summary>The author edits their comment (within the edit window: the use case decides).</summary>
public sealed class EditModel(CommentThreadQuery query, EditComment edit, CurrentPerson current) : CommentPageModel(query)
{
    [BindProperty(Name = "body")]
    public string? Body { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (Comment.AuthorPersonId != current.Id)
        {
            return Forbid();
        }

        Body = Comment.Body;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var result = await edit.RunAsync(id, current.Id, Body, ct);
        if (result.Succeeded)
        {
            return Redirect(BackPath);
        }

        ModelState.AddErrors(result);
        return Page();
    }
}

/// <summary>The author deletes their comment, after a confirmation page.</summary>
public sealed class DeleteModel(CommentThreadQuery query, DeleteComment delete, CurrentPerson current) : CommentPageModel(query)
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
        => !await LoadAsync(id, ct) ? NotFound() : Comment.AuthorPersonId == current.Id ? Page() : Forbid();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var result = await delete.RunAsync(id, current.Id, ct);
        if (!result.Succeeded)
        {
            return Forbid();
        }

        return Redirect(BackPath);
    }
}

/// <summary>A comment's public edit history.</summary>
[AllowAnonymous]
public sealed class HistoryModel(CommentThreadQuery query) : CommentPageModel(query)
{
    public IReadOnlyList<(string BodyHtml, DateTimeOffset WrittenAt)> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Versions = await Query.HistoryAsync(id, ct);
        return Page();
    }
}
