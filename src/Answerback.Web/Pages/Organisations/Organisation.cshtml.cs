using Answerback.Platform.Organisations;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Organisations;

/// <summary>An organisation's public page; its organisers also see their tools.</summary>
[AllowAnonymous]
[TwoFactorRequired]
public sealed class OrganisationModel(OrganisationDirectory organisations, CurrentPerson current) : PageModel
{
    public Organisation Organisation { get; private set; } = null!;

    public bool IsOrganiser { get; private set; }

    public IReadOnlyList<string> RegisterAreas { get; private set; } = [];

    public int Members { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var page = await organisations.PageAsync(slug, current.IsSignedIn ? current.Id : null, ct);
        if (page is null)
        {
            return NotFound();
        }

        (Organisation, IsOrganiser, RegisterAreas, Members) = page;
        return Page();
    }
}
