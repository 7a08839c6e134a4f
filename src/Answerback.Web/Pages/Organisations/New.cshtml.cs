using System.ComponentModel.DataAnnotations;
using Answerback.Platform.Organisations;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Organisations;

/// <summary>Create an organisation: administrators only.</summary>
[TwoFactorRequired]
public sealed class NewModel(CreateOrganisation create, OrganisationAccess access, CurrentPerson current) : PageModel
{
    [BindProperty]
    public NewOrganisationInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await access.IsAdministratorAsync(current.Id, ct) ? Page() : Forbid();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await access.IsAdministratorAsync(current.Id, ct))
        {
            return Forbid();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await create.CreateAsync(Input.Name, Input.Slug, Input.Description, ct);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result, ("name", "Input.Name"), ("slug", "Input.Slug"), ("description", "Input.Description"));

            return Page();
        }

        return Redirect("/organisations/" + result.Value.Slug);
    }
}

public sealed class NewOrganisationInput
{
    [Required(ErrorMessage = "Enter the organisation's name")]
    [StringLength(200)]
    [Display(Name = "Name")]
    public string Name { get; set; } = "";

    [StringLength(100)]
    [Display(Name = "Address name (optional)")]
    public string? Slug { get; set; }

    [StringLength(4000)]
    [Display(Name = "Description (optional)")]
    public string? Description { get; set; }
}
