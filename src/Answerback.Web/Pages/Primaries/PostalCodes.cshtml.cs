using System.Text;
using Answerback.Platform.Primaries;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Primaries;

/// <summary>
/// Organisers export postal codes for a mail merge: they upload the register extract and get it back
/// with a code per elector. Codes are shown only in this download; the platform keeps their hashes.
/// </summary>
[TwoFactorRequired]
public sealed class PostalCodesModel(ExportPostalCodes export, IBallotPapers papers, CurrentPerson current) : PageModel
{
    [BindProperty]
    public IFormFile? Register { get; set; }

    public BallotPaper? Paper { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Paper = await papers.FindAsync(id, ct);
        return Paper is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        Paper = await papers.FindAsync(id, ct);
        if (Paper is null)
        {
            return NotFound();
        }

        if (Register is null || Register.Length == 0)
        {
            ModelState.AddModelError(nameof(Register), "Choose the register extract (CSV) to add codes to.");
            return Page();
        }

        await using var stream = Register.OpenReadStream();
        var result = await export.ExportAsync(id, current.Id, stream, Register.FileName, ct);
        if (result.Errors.Any(e => e.Field == ExportPostalCodes.AccessField))
        {
            return Forbid();
        }

        if (!result.Succeeded)
        {
            ModelState.AddErrors(result);
            return Page();
        }

        Response.Headers.CacheControl = "no-store";
        return File(Encoding.UTF8.GetBytes(result.Value.Csv), "text/csv; charset=utf-8", "postal-codes.csv");
    }
}
