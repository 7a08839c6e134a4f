using Answerback.Platform.Moderation;
using Answerback.Platform.Organisations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Moderation;

/// <summary>The public moderation log, newest first, paged, optionally for one organisation.</summary>
[AllowAnonymous]
public sealed class IndexModel(ModerationLog log, OrganisationDirectory organisations) : PageModel
{
    [FromQuery(Name = "organisation")]
    public string? OrganisationSlug { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public ModerationLogPage Log { get; private set; } = null!;

    public IReadOnlyList<Organisation> Organisations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var page = await log.PageAsync(OrganisationSlug, PageNumber, ct);
        if (page is null)
        {
            return NotFound();
        }

        Log = page;
        Organisations = await organisations.ListAsync(ct);
        return Page();
    }

    public string PageLink(int page)
        => "/moderation?" + (Log.Organisation is null ? "" : "organisation=" + Uri.EscapeDataString(Log.Organisation.Slug) + "&") + "page=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>How the pages word an appeal's state.</summary>
public static class AppealText
{
    public static string Describe(AppealOutcome? outcome) => outcome switch
    {
        null => "none",
        AppealOutcome.Pending => "waiting for a decision",
        AppealOutcome.Upheld => "decision upheld",
        AppealOutcome.Overturned => "decision overturned: shown again",
        _ => "",
    };
}
