using System.ComponentModel.DataAnnotations;
using Answerback.Platform.Accounts;
using Answerback.Platform.Organisations;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Organisations;

/// <summary>Grant the organiser or moderator role of this organisation to a person with an account.</summary>
[TwoFactorRequired]
public sealed class RolesModel(OrganiserGate gate, GrantOrganisationRole grant, OrganisationDirectory organisations, UserManager<Person> users) : PageModel
{
    [BindProperty]
    public GrantRoleInput Input { get; set; } = new();

    public Organisation Organisation { get; private set; } = null!;

    public IReadOnlyList<RoleHolder> Holders { get; private set; } = [];

    public string? Granted { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var refusal = await AuthoriseAsync(slug, ct);
        return refusal ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        if (await AuthoriseAsync(slug, ct) is { } refusal)
        {
            return refusal;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var person = await users.FindByEmailAsync(Input.Email.Trim());
        if (person is null)
        {
            ModelState.AddModelError("Input.Email", "No account uses this email address. Ask the person to create an account first.");
            return Page();
        }

        var result = await grant.GrantAsync(Organisation.Id, person.Id, Input.Role, ct);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result, ("role", "Input.Role"));
            return Page();
        }

        Granted = result.Value.Changed
            ? $"{person.DisplayName} is now {Input.Role.ToString().ToLowerInvariant()} of {Organisation.Name}."
            : $"{person.DisplayName} already was {Input.Role.ToString().ToLowerInvariant()} of {Organisation.Name}.";
        Holders = await organisations.RoleHoldersAsync(Organisation.Id, ct);
        return Page();
    }

    private async Task<IActionResult?> AuthoriseAsync(string slug, CancellationToken ct)
    {
        var check = await gate.CheckAsync(slug, "role grant", ct);
        if (check.Refused(out var refusal))
        {
            return refusal;
        }

        Organisation = check.Organisation;
        Holders = await organisations.RoleHoldersAsync(Organisation.Id, ct);
        return null;
    }
}

public sealed class GrantRoleInput
{
    [Required(ErrorMessage = "Enter the email address of the person's account")]
    [EmailAddress(ErrorMessage = "Enter an email address like name@example.org")]
    [Display(Name = "Email address of their account")]
    public string Email { get; set; } = "";

    [Display(Name = "Role")]
    public OrganisationRoleKind Role { get; set; } = OrganisationRoleKind.Moderator;
}
