using System.ComponentModel.DataAnnotations;
using Answerback.Platform.Residency;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Residency;

/// <summary>
/// "Someone else holds my details": ask the organisation that keeps the register to post a code to
/// the register address, then enter it here to take the entry back. The request gets the same
/// answer whether or not the details exist or are claimed.
/// </summary>
[RateLimited(RateLimitKind.Verification)]
public sealed class DisputeModel(RequestResidencyCode request, RedeemResidencyCode redeem, CurrentPerson current) : PageModel
{
    [BindProperty]
    public VerifyInput Input { get; set; } = new();

    [BindProperty]
    public DisputeCodeInput CodeInput { get; set; } = new();

    public string? Message { get; private set; }

    public bool Succeeded { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostRequestAsync(CancellationToken ct)
    {
        ModelState.Remove("CodeInput.Code");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await request.RequestAsync(current.Id, Input.ElectorNumber, Input.Postcode, ct);
        if (!result.Succeeded)
        {
            ModelState.AddModelError("", result.Errors[0].Message);
            return Page();
        }

        Message = result.Value.Message;
        return Page();
    }

    public async Task<IActionResult> OnPostRedeemAsync(CancellationToken ct)
    {
        ModelState.Remove("Input.ElectorNumber");
        ModelState.Remove("Input.Postcode");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await redeem.RedeemAsync(current.Id, CodeInput.Code, ct);
        Succeeded = result.Succeeded;
        if (!result.Succeeded)
        {
            ModelState.AddModelError("CodeInput.Code", result.Errors[0].Message);
            return Page();
        }

        Message = result.Value.Message;
        return Page();
    }
}

public sealed class DisputeCodeInput
{
    [Required(ErrorMessage = "Enter the code from the letter")]
    [StringLength(30)]
    [Display(Name = "Code from the letter")]
    public string Code { get; set; } = "";
}
