using Answerback.Platform.Accountability;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Accountability;

/// <summary>The ward presence map of an area (precomputed figures), with its legend and table.</summary>
[AllowAnonymous]
public sealed class PresenceModel(AccountabilityDirectory directory) : PageModel
{
    public AreaPresence Presence { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var presence = await directory.PresenceAsync(slug, ct);
        if (presence is null)
        {
            return NotFound();
        }

        Presence = presence;
        return Page();
    }
}
