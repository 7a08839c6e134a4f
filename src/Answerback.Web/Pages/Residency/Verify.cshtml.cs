using System.ComponentModel.DataAnnotations;
using Answerback.Platform.Areas;
using Answerback.Platform.Residency;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Residency;

/// <summary>
/// Verify residency with an elector number and postcode. Every mismatch gets the same message, so the
/// page does not reveal whether a number exists; failures are limited per account by the platform and
/// the form posts by the rate limiter.
/// </summary>
[RateLimited(RateLimitKind.Verification)]
public sealed class VerifyModel(VerifyResidency verify, AreaDirectory directory, CurrentPerson current) : PageModel
{
    [BindProperty]
    public VerifyInput Input { get; set; } = new();

    public VerificationResult? Result { get; private set; }

    public IReadOnlyList<AreaSummary> Areas { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        Result = await verify.VerifyAsync(current.Id, Input.ElectorNumber, Input.Postcode, ct);
        switch (Result.Outcome)
        {
            case VerificationOutcome.Verified:
                // Nearest area first, as the platform lists them (the ward, then the city).
                Areas = await directory.SummariesAsync(Result.AreaIds, ct);
                break;
            case VerificationOutcome.Invalid:
                ModelState.AddModelError("", Result.Message);
                break;
            case VerificationOutcome.RateLimited:
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                break;
            default:
                break;
        }

        return Page();
    }
}

public sealed class VerifyInput
{
    [Required(ErrorMessage = "Enter your elector number")]
    [StringLength(40)]
    [Display(Name = "Elector number")]
    public string ElectorNumber { get; set; } = "";

    [Required(ErrorMessage = "Enter your postcode")]
    [StringLength(10)]
    [Display(Name = "Postcode")]
    public string Postcode { get; set; } = "";
}
