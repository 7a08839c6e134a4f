using System.ComponentModel.DataAnnotations;
using Answerback.Platform.Areas;
using Answerback.Platform.Organisations;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Areas;

/// <summary>
/// Import areas from CSV <c>code,name,parent_code</c>: organisers and administrators; all or nothing.
/// Areas are shared by every organisation, so only an administrator may rename or re-parent an
/// existing one; an organiser may add new areas.
/// </summary>
[Authorize]
[TwoFactorRequired]
public sealed class ImportModel(ImportAreas import, OrganisationAccess access, CurrentPerson current) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Choose a CSV file")]
    [Display(Name = "Areas (CSV)")]
    public IFormFile? Upload { get; set; }

    public AreaImportReport? Report { get; private set; }

    public string? FileName { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await access.IsAnyOrganiserAsync(current.Id, ct) ? Page() : Forbid();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await access.IsAnyOrganiserAsync(current.Id, ct))
        {
            return Forbid();
        }

        if (!ModelState.IsValid || Upload is null)
        {
            return Page();
        }

        FileName = Path.GetFileName(Upload.FileName);
        await using var stream = Upload.OpenReadStream();
        Report = await import.ImportAsync(stream, FileName, mayChangeExisting: await access.IsAdministratorAsync(current.Id, ct), ct);
        if (!Report.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return Page();
    }
}
