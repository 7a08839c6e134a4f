using Answerback.Platform.Accountability;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Accountability;

/// <summary>A party's copy-paste campaigns (precomputed): the shared text, every account and time, the timeline.</summary>
[AllowAnonymous]
public sealed class CampaignsModel(AccountabilityDirectory directory) : PageModel
{
    /// <summary>Campaigns shown on one page (a large party can have hundreds).</summary>
    public const int PageSize = 20;

    public PartyCampaigns Party { get; private set; } = null!;

    public IReadOnlyList<CampaignView> Shown { get; private set; } = [];

    public int PageNumber { get; private set; } = 1;

    public int Pages { get; private set; } = 1;

    public async Task<IActionResult> OnGetAsync(string party, [FromQuery(Name = "page")] int? page, [FromQuery(Name = "campaign")] string? campaign, CancellationToken ct)
    {
        var campaigns = await directory.PartyCampaignsAsync(party, ct);
        if (campaigns is null)
        {
            return NotFound();
        }

        Party = campaigns;
        Pages = Math.Max(1, (campaigns.Campaigns.Count + PageSize - 1) / PageSize);
        // A link to one campaign (from a scorecard) opens the page that holds it.
        var index = campaign is null ? -1 : campaigns.Campaigns.ToList().FindIndex(c => c.Id == campaign);
        PageNumber = Math.Clamp(index >= 0 ? (index / PageSize) + 1 : page ?? 1, 1, Pages);
        Shown = [.. campaigns.Campaigns.Skip((PageNumber - 1) * PageSize).Take(PageSize)];
        return Page();
    }
}
