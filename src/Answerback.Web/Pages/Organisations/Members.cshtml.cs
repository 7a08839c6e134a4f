using System.ComponentModel.DataAnnotations;
using Answerback.Platform.Organisations;
using Answerback.Web.Pages.Residency;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Answerback.Web.Infrastructure;

namespace Answerback.Web.Pages.Organisations;

/// <summary>Upload the organisation's member list (CSV with an <c>email</c> column; stored hashed).</summary>
[RequestSizeLimit(RegisterModel.MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = RegisterModel.MaxUploadBytes)]
[TwoFactorRequired]
public sealed class MembersModel(OrganiserGate gate, ImportMembers import) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Choose a CSV file")]
    [Display(Name = "Member list (CSV)")]
    public IFormFile? Upload { get; set; }

    public Organisation Organisation { get; private set; } = null!;

    public MemberImportReport? Report { get; private set; }

    public string? FileName { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var check = await gate.CheckAsync(slug, "member list upload", ct);
        if (check.Refused(out var refusal))
        {
            return refusal;
        }

        Organisation = check.Organisation;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        var check = await gate.CheckAsync(slug, "member list upload", ct);
        if (check.Refused(out var refusal))
        {
            return refusal;
        }

        Organisation = check.Organisation;
        if (!ModelState.IsValid || Upload is null)
        {
            return Page();
        }

        FileName = Path.GetFileName(Upload.FileName);
        await using var stream = Upload.OpenReadStream();
        Report = await import.ImportAsync(stream, FileName, Organisation.Id, ct);
        if (!Report.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return Page();
    }
}
