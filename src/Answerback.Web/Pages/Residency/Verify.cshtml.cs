using System.ComponentModel.DataAnnotations;
using Answerback.Platform.Areas;
using Answerback.Platform.Common;
using Answerback.Platform.Residency;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Residency;

/// <summary>
/// Verify residency with an elector number and postcode. Every mismatch gets the same message, so the
/// page does not reveal whether a number exists; failures are limited per account by the platform and
/// the form posts by the rate limits (<see cref="RateLimitFilter"/>).
/// </summary>
[RateLimited(RateLimitKind.Verification)]
public sealed class VerifyModel(VerifyResidency verify, AreaDirectory directory, CurrentPerson current) : PageModel
{
    [BindProperty]
    public VerifyInput Input { get; set; } = new();

    /// <summary>True once the details were verified.</summary>
    public bool Verified { get; private set; }

    /// <summary>Why the details were refused (no match, or too many attempts), shown above the form; null otherwise.</summary>
    public FieldError? Refusal { get; private set; }

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

        var result = await verify.VerifyAsync(current.Id, Input.ElectorNumber, Input.Postcode, ct);
        if (result.Succeeded)
        {
            Verified = true;
            // Nearest area first, as the platform lists them (the ward, then the city).
            Areas = await directory.SummariesAsync(result.Value.AreaIds, ct);
            return Page();
        }

        Refusal = result.Errors.FirstOrDefault(e => e.Field is VerifyResidency.NotMatchedField or VerifyResidency.AttemptsField);
        if (Refusal?.Field == VerifyResidency.AttemptsField)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
        }

        if (Refusal is null)
        {
            ModelState.AddErrors(result);
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
