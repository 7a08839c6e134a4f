using System.ComponentModel.DataAnnotations;
using Answerback.Platform.Areas;
using Answerback.Platform.Data;
using Answerback.Platform.Organisations;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Web.Pages.Areas;

/// <summary>Create an area: organisers (of any organisation) and administrators.</summary>
[Authorize]
public sealed class NewModel(CreateArea create, OrganisationAccess access, CurrentPerson current, AnswerbackDbContext db) : PageModel
{
    [BindProperty]
    public NewAreaInput Input { get; set; } = new();

    public IReadOnlyList<ParentChoice> Parents { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await access.IsAnyOrganiserAsync(current.Id, ct))
        {
            return Forbid();
        }

        Parents = await ParentsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await access.IsAnyOrganiserAsync(current.Id, ct))
        {
            return Forbid();
        }

        Parents = await ParentsAsync(ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await create.CreateAsync(Input.Name, Input.Code, Input.ParentId, ct);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Field switch { "code" => "Input.Code", "parent" => "Input.ParentId", _ => "Input.Name" }, error.Message);
            }

            return Page();
        }

        return Redirect("/areas/" + result.Area!.Slug);
    }

    private async Task<IReadOnlyList<ParentChoice>> ParentsAsync(CancellationToken ct)
    {
        var areas = await db.Areas.AsNoTracking().Select(a => new { a.Id, a.Name, a.Code }).ToListAsync(ct);
        return [.. areas.OrderBy(a => a.Name, StringComparer.Ordinal).Select(a => new ParentChoice(a.Id, a.Code is null ? a.Name : $"{a.Name} ({a.Code})"))];
    }
}

public sealed record ParentChoice(Guid Id, string Label);

public sealed class NewAreaInput
{
    [Required(ErrorMessage = "Enter the area's name")]
    [StringLength(200)]
    [Display(Name = "Name")]
    public string Name { get; set; } = "";

    [StringLength(20)]
    [Display(Name = "Official code (optional)")]
    public string? Code { get; set; }

    [Display(Name = "Part of (optional)")]
    public Guid? ParentId { get; set; }
}
