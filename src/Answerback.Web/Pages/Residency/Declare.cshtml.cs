using System.ComponentModel.DataAnnotations;
using Answerback.Platform.Areas;
using Answerback.Platform.Residency;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Residency;

/// <summary>Self-declared residency: a postcode and an area, shown everywhere as unverified.</summary>
public sealed class DeclareModel(DeclareResidency declare, AreaDirectory directory, CurrentPerson current) : PageModel
{
    [BindProperty]
    public DeclareInput Input { get; set; } = new();

    public IReadOnlyList<AreaChoice> Areas { get; private set; } = [];

    public bool Declared { get; private set; }

    public string? AreaName { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Areas = await directory.ChoicesAsync(ct: ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Areas = await directory.ChoicesAsync(ct: ct);
        if (!ModelState.IsValid || Input.AreaId is null)
        {
            if (Input.AreaId is null && !ModelState.ContainsKey("Input.AreaId"))
            {
                ModelState.AddModelError("Input.AreaId", "Choose the area you live in");
            }

            return Page();
        }

        var result = await declare.DeclareAsync(current.Id, Input.AreaId.Value, Input.Postcode, ct);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result, ("postcode", "Input.Postcode"), ("area", "Input.AreaId"));

            return Page();
        }

        Declared = true;
        AreaName = Areas.FirstOrDefault(a => a.Id == Input.AreaId)?.Label;
        return Page();
    }
}

public sealed class DeclareInput
{
    [Required(ErrorMessage = "Enter your postcode")]
    [StringLength(10)]
    [Display(Name = "Postcode")]
    public string Postcode { get; set; } = "";

    [Display(Name = "Area you live in")]
    public Guid? AreaId { get; set; }
}
