using Answerback.Platform.Primaries;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Primaries;

/// <summary>A candidate's public page: their statement (Markdown, sanitised) and their answers.</summary>
[AllowAnonymous]
public sealed class CandidateModel(HustingsQuery hustings, CurrentPerson current) : PageModel
{
    public CandidatePage Candidate { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid candidateId, CancellationToken ct)
    {
        var page = await hustings.CandidateAsync(id, candidateId, current.IsSignedIn ? current.Id : null, ct);
        if (page is null)
        {
            return NotFound();
        }

        Candidate = page;
        return Page();
    }
}
