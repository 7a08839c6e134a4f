using Answerback.Platform.Conversations;
using Answerback.Platform.Organisations;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Conversations;

/// <summary>A period's report (public, printable): figures, groups, common ground, map, highlighted statements and the response.</summary>
[AllowAnonymous]
public sealed class ReportModel(ConversationQueries queries, OrganisationAccess access, CurrentPerson current) : PageModel
{
    public ReportView View { get; private set; } = null!;

    public bool IsOrganiser { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int number, CancellationToken ct)
    {
        var view = await queries.ReportAsync(id, number, ct);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        IsOrganiser = current.IsSignedIn && await queries.OrganisationOfAsync(id, ct) is { } organisation && await access.IsOrganiserAsync(current.Id, organisation, ct);
        return Page();
    }
}
