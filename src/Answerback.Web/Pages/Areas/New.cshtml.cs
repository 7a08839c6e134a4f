using System.ComponentModel.DataAnnotations;
using Answerback.Platform.Areas;
using Answerback.Platform.Organisations;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Areas;

/// <summary>Create an area: organisers (of any organisation) and administrators.</summary>
[Authorize]
[TwoFactorRequired]
public sealed class NewModel(CreateArea create, AreaDirectory directory, OrganisationAccess access, CurrentPerson current) : PageModel
{
    [BindProperty]
    public NewAreaInput Input { get; set; } = new();

    public IReadOnlyList<AreaChoice> Parents { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await access.IsAnyOrganiserAsync(current.Id, ct))
        {
            return Forbid();
        }

        Parents = await directory.ChoicesAsync(ct: ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await access.IsAnyOrganiserAsync(current.Id, ct))
        {
            return Forbid();
        }

        Parents = await directory.ChoicesAsync(ct: ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await create.CreateAsync(Input.Name, Input.Code, Input.ParentId, ct);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result, ("name", "Input.Name"), ("code", "Input.Code"), ("parent", "Input.ParentId"));

            return Page();
        }

        return Redirect("/areas/" + result.Value.Slug);
    }
}

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
