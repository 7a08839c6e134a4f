using Answerback.Platform.Data;
using Answerback.Platform.Organisations;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Web.Pages.Organisations;

/// <summary>An organisation's public page; its organisers also see their tools.</summary>
[AllowAnonymous]
public sealed class OrganisationModel(AnswerbackDbContext db, OrganisationAccess access, CurrentPerson current) : PageModel
{
    public Organisation Organisation { get; private set; } = null!;

    public bool IsOrganiser { get; private set; }

    public IReadOnlyList<string> RegisterAreas { get; private set; } = [];

    public int Members { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == slug, ct);
        if (organisation is null)
        {
            return NotFound();
        }

        Organisation = organisation;
        IsOrganiser = current.IsSignedIn && await access.IsOrganiserAsync(current.Id, organisation.Id, ct);
        var areas = await db.Areas.AsNoTracking()
            .Where(a => db.RegisterEntries.Any(e => e.OrganisationId == organisation.Id && e.AreaId == a.Id))
            .Select(a => a.Name).ToListAsync(ct);
        RegisterAreas = [.. areas.Order(StringComparer.Ordinal)];
        if (IsOrganiser)
        {
            Members = await db.MemberListEntries.CountAsync(m => m.OrganisationId == organisation.Id, ct);
        }

        return Page();
    }
}
