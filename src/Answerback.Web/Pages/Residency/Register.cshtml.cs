using System.ComponentModel.DataAnnotations;
using Answerback.Platform.Areas;
using Answerback.Platform.Organisations;
using Answerback.Platform.Residency;
using Answerback.Web.Pages.Organisations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Answerback.Web.Infrastructure;

namespace Answerback.Web.Pages.Residency;

/// <summary>
/// Upload an extract of the electoral register for an area (CSV <c>elector_number,postcode,area_code</c>).
/// All or nothing: any bad line is listed and nothing is imported.
/// </summary>
[RequestSizeLimit(MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
[TwoFactorRequired]
public sealed class RegisterModel(OrganiserGate gate, ImportRegister import, AreaDirectory directory) : PageModel
{
    /// <summary>A whole city's register is tens of megabytes; the import streams it.</summary>
    public const long MaxUploadBytes = 200L * 1024 * 1024;

    [BindProperty]
    [Required(ErrorMessage = "Choose the area the register covers")]
    [Display(Name = "Area")]
    public string? AreaCode { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Choose a CSV file")]
    [Display(Name = "Register extract (CSV)")]
    public IFormFile? Upload { get; set; }

    public Organisation Organisation { get; private set; } = null!;

    public IReadOnlyList<AreaChoice> Areas { get; private set; } = [];

    public RegisterImportReport? Report { get; private set; }

    public string? FileName { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var check = await gate.CheckAsync(slug, "register upload", ct);
        if (check.Refused(out var refusal))
        {
            return refusal;
        }

        Organisation = check.Organisation;
        Areas = await directory.ChoicesAsync(codedOnly: true, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        var check = await gate.CheckAsync(slug, "register upload", ct);
        if (check.Refused(out var refusal))
        {
            return refusal;
        }

        Organisation = check.Organisation;
        Areas = await directory.ChoicesAsync(codedOnly: true, ct);
        if (!ModelState.IsValid || Upload is null || AreaCode is null)
        {
            return Page();
        }

        FileName = Path.GetFileName(Upload.FileName);
        await using var stream = Upload.OpenReadStream();
        Report = await import.ImportAsync(stream, FileName, Organisation.Id, AreaCode, ct);
        if (!Report.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return Page();
    }
}
