using Answerback.Platform.Areas;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages;

/// <summary>The home page: what Answerback is and the areas it covers (each top-level area with its wards).</summary>
[AllowAnonymous]
public sealed class IndexModel(AreaDirectory directory) : PageModel
{
    public IReadOnlyList<AreaSummary> Areas { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Areas = await directory.ListTopLevelAsync(ct);
}
