using Answerback.Platform.Accountability;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Accountability;

/// <summary>An area's copy-paste campaigns (precomputed), grouped by party, each shown as on the party's page.</summary>
[AllowAnonymous]
public sealed class AreaCampaignsModel(AccountabilityDirectory directory) : PageModel
{
    public AreaCampaigns Campaigns { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var campaigns = await directory.AreaCampaignsAsync(slug, ct);
        if (campaigns is null)
        {
            return NotFound();
        }

        Campaigns = campaigns;
        return Page();
    }
}
