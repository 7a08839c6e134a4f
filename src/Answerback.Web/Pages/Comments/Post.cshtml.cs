using Answerback.Platform.Comments;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Comments;

/// <summary>Posts a comment or a reply (the thread's inline form posts here too); errors come back with the text kept.</summary>
public sealed class PostModel(PostComment post, CommentThreadQuery query, CurrentPerson current) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "kind")]
    public string Kind { get; set; } = "";

    [BindProperty(SupportsGet = true, Name = "thread")]
    public Guid Thread { get; set; }

    [BindProperty(SupportsGet = true, Name = "parent")]
    public Guid? ParentId { get; set; }

    [BindProperty(Name = "body")]
    public string? Body { get; set; }

    public Comment? Parent { get; private set; }

    public string BackPath { get; private set; } = "/";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
        => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await post.RunAsync(Kind, Thread, ParentId, current.Id, Body, ct);
        if (result.Succeeded)
        {
            return Redirect(await query.PathAsync(result.Value, ct) ?? "/");
        }

        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (result.Errors.Any(e => e.Field == "eligibility"))
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }

        ModelState.AddErrors(result);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var thread = await query.ThreadAsync(Kind, Thread, ct);
        if (thread is null)
        {
            return false;
        }

        BackPath = thread.PublicPath;
        if (ParentId is { } pid)
        {
            Parent = await query.FindAsync(pid, ct);
        }

        return true;
    }
}
