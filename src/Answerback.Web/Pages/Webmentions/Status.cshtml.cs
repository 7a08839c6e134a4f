using Answerback.Platform.Webmentions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Webmentions;

/// <summary>A received Webmention's status URL (the endpoint's <c>Location</c>): pending, verified, refused or removed, with the reason.</summary>
[AllowAnonymous]
public sealed class StatusModel(WebmentionQueries queries) : PageModel
{
    public WebmentionStatus Status { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await queries.StatusAsync(id, ct) is not { } status)
        {
            return NotFound();
        }

        Status = status;
        return Page();
    }
}
