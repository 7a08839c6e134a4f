using Answerback.Platform.Accountability;
using Answerback.Platform.Areas;
using Microsoft.AspNetCore.Mvc;

namespace Answerback.Web.Pages.Accountability;

/// <summary>What the area page shows of Accountability: who holds or seeks office there, and the presence map.</summary>
public sealed record AreaRepresentativesView(string AreaSlug, string AreaName, IReadOnlyList<RepresentativeSummary> Representatives);

/// <summary>The area page's Accountability section (one line in the area page: <c>&lt;vc:area-representatives area="..." /&gt;</c>).</summary>
public sealed class AreaRepresentativesViewComponent(AccountabilityDirectory directory) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(AreaSummary area)
    {
        ArgumentNullException.ThrowIfNull(area);
        var reps = await directory.InAreaAsync(area.Id, HttpContext.RequestAborted);
        return View("/Pages/Accountability/_AreaRepresentatives.cshtml", new AreaRepresentativesView(area.Slug, area.Name, reps));
    }
}
