using Answerback.Platform.Accountability;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Accountability;

/// <summary>A party's copy-paste campaigns (precomputed): the shared text, every account and time, the timeline.</summary>
[AllowAnonymous]
public sealed class CampaignsModel(AccountabilityDirectory directory) : PageModel
{
    public PartyCampaigns Party { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string party, CancellationToken ct)
    {
        var campaigns = await directory.PartyCampaignsAsync(party, ct);
        if (campaigns is null)
        {
            return NotFound();
        }

        Party = campaigns;
        return Page();
    }
}
