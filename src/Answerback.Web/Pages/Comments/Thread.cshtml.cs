using Answerback.Platform.Comments;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Comments;

/// <summary>A whole thread, page by page, for threads longer than the page that holds them shows.</summary>
[AllowAnonymous]
public sealed class ThreadModel(CommentThreadQuery query, CurrentPerson current) : PageModel
{
    public CommentThreadView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string kind, Guid thread, [FromQuery(Name = "page")] int page, CancellationToken ct)
    {
        var view = await query.PageAsync(kind, thread, current.IsSignedIn ? current.Id : null, Math.Max(page, 1), ct);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        return Page();
    }
}
