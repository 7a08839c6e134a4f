using Answerback.Platform.Areas;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Areas;

/// <summary>An area's public page: name, code, parent, the areas within it and what happens there.</summary>
[AllowAnonymous]
public sealed class AreaModel(AreaDirectory directory) : PageModel
{
    public AreaDetails Details { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var details = await directory.GetAsync(slug, ct);
        if (details is null)
        {
            return NotFound();
        }

        Details = details;
        return Page();
    }
}
