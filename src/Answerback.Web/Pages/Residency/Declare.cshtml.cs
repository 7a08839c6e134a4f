using System.ComponentModel.DataAnnotations;
using Answerback.Platform.Data;
using Answerback.Platform.Residency;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Web.Pages.Residency;

/// <summary>Self-declared residency: a postcode and an area, shown everywhere as unverified.</summary>
public sealed class DeclareModel(DeclareResidency declare, AnswerbackDbContext db, CurrentPerson current) : PageModel
{
    [BindProperty]
    public DeclareInput Input { get; set; } = new();

    public IReadOnlyList<DeclareAreaChoice> Areas { get; private set; } = [];

    public bool Declared { get; private set; }

    public string? AreaName { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Areas = await ChoicesAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Areas = await ChoicesAsync(ct);
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
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Field switch { "postcode" => "Input.Postcode", "area" => "Input.AreaId", _ => "" }, error.Message);
            }

            return Page();
        }

        Declared = true;
        AreaName = Areas.FirstOrDefault(a => a.Id == Input.AreaId)?.Label;
        return Page();
    }

    private async Task<IReadOnlyList<DeclareAreaChoice>> ChoicesAsync(CancellationToken ct)
    {
        var areas = await db.Areas.AsNoTracking().Select(a => new { a.Id, a.Name, a.ParentId }).ToListAsync(ct);
        var names = areas.ToDictionary(a => a.Id, a => a.Name);
        return [.. areas
            .Select(a => new DeclareAreaChoice(a.Id, a.ParentId is { } p && names.TryGetValue(p, out var parent) ? $"{a.Name}, {parent}" : a.Name))
            .OrderBy(a => a.Label, StringComparer.Ordinal)];
    }
}

public sealed record DeclareAreaChoice(Guid Id, string Label);

public sealed class DeclareInput
{
    [Required(ErrorMessage = "Enter your postcode")]
    [StringLength(10)]
    [Display(Name = "Postcode")]
    public string Postcode { get; set; } = "";

    [Display(Name = "Area you live in")]
    public Guid? AreaId { get; set; }
}
