using Answerback.Platform.Accountability;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Accountability;

/// <summary>The progress of a post import, for whoever started it and for those who may import for the organisation.</summary>
public sealed class ImportProgressModel(AccountabilityDirectory directory, AccountabilityAccess access, CurrentPerson current) : PageModel
{
    public PostImportStatus Import { get; private set; } = null!;

    public RepresentativeDetails? Representative { get; private set; }

    public bool Finished => Import.State is PostImportState.Succeeded or PostImportState.Failed;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var import = await directory.ImportAsync(id, ct);
        // Someone else's import looks like none at all: ids are not for guessing.
        if (import is null || (import.RequestedBy != current.Id && !await access.MayImportPostsAsync(current.Id, import.OrganisationId, null, ct)))
        {
            return NotFound();
        }

        Import = import;
        Representative = import.RepresentativeId is { } rep ? await directory.GetAsync(rep, ct) : null;
        if (!Finished)
        {
            // The page reloads itself until the import is done (no script needed).
            Response.Headers["Refresh"] = "2";
        }

        return Page();
    }
}
