using System.ComponentModel.DataAnnotations;
using Answerback.Platform.Accountability;
using Answerback.Platform.Organisations;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Accountability;

/// <summary>
/// An organisation's registry of representatives and candidates: the list, the Democracy Club CSV
/// import (organisers and administrators) and bulk post uploads matched by handle (organisers and
/// granted researchers).
/// </summary>
[RequestSizeLimit(UploadModel.MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadModel.MaxUploadBytes)]
[TwoFactorRequired]
public sealed class RegistryModel(OrganisationDirectory organisations, AccountabilityAccess access, AccountabilityDirectory directory,
    ImportRepresentatives import, PostUploads uploads, CurrentPerson current) : PageModel
{
    [BindProperty]
    [Display(Name = "Candidates (CSV)")]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    [Display(Name = "Posts of several representatives")]
    public IFormFile? Posts { get; set; }

    public Organisation Organisation { get; private set; } = null!;

    public bool MayEdit { get; private set; }

    public IReadOnlyList<RepresentativeSummary> Representatives { get; private set; } = [];

    public RepresentativeImportReport? Report { get; private set; }

    public string? FileName { get; private set; }

    private async Task<IActionResult?> LoadAsync(string slug, CancellationToken ct)
    {
        var organisation = await organisations.FindAsync(slug, ct);
        if (organisation is null)
        {
            return NotFound();
        }

        Organisation = organisation;
        MayEdit = await access.MayEditRegistryAsync(current.Id, organisation.Id, ct);
        if (!MayEdit && !await access.MayImportPostsAsync(current.Id, organisation.Id, null, ct))
        {
            return Forbid();
        }

        Representatives = await directory.OfOrganisationAsync(organisation.Id, ct);
        return null;
    }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) => await LoadAsync(slug, ct) ?? Page();

    public async Task<IActionResult> OnPostImportAsync(string slug, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } refusal)
        {
            return refusal;
        }

        if (!MayEdit)
        {
            return Forbid();
        }

        if (Upload is null)
        {
            ModelState.AddModelError(nameof(Upload), "Choose a CSV file");
            return Page();
        }

        FileName = Path.GetFileName(Upload.FileName);
        await using (var stream = Upload.OpenReadStream())
        {
            Report = await import.ImportAsync(Organisation.Id, stream, FileName, ct);
        }

        if (!Report.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        Representatives = await directory.OfOrganisationAsync(Organisation.Id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostPostsAsync(string slug, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } refusal)
        {
            return refusal;
        }

        if (Posts is null)
        {
            ModelState.AddModelError(nameof(Posts), "Choose a file of posts");
            return Page();
        }

        var queued = await uploads.StartAsync(Organisation.Id, null, Posts, ct);
        if (!queued.Succeeded)
        {
            ModelState.AddErrors(queued, ("file", nameof(Posts)));
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        return Redirect($"/imports/posts/{queued.Value.Id}");
    }
}
