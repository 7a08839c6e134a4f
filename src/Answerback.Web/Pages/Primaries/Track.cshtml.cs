using Answerback.Platform.Primaries;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Primaries;

/// <summary>Looks up a tracking code: its entry on the board and, after the close, the ballot as recorded.</summary>
[AllowAnonymous]
public sealed class TrackModel(IBallotPapers papers, BoardQuery board) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public BallotPaper? Paper { get; private set; }

    public TrackedBallot? Found { get; private set; }

    /// <summary>True when a code was given and nothing was found.</summary>
    public bool Missing { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Paper = await papers.FindAsync(id, ct);
        if (Paper is null)
        {
            return NotFound();
        }

        if (!string.IsNullOrWhiteSpace(Code))
        {
            Found = await board.TrackAsync(id, Code, ct);
            Missing = Found is null;
        }

        return Page();
    }
}
