using Answerback.Platform.Primaries;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Primaries;

/// <summary>The bulletin board as a page: the head to save, the checkpoints, the entries, and the downloads.</summary>
[AllowAnonymous]
public sealed class BoardModel(BoardQuery query) : PageModel
{
    public BoardDocument? Board { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Board = await query.BoardAsync(id, ct);
        return Board is null ? NotFound() : Page();
    }
}
