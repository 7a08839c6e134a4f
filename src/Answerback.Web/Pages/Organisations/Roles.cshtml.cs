using System.ComponentModel.DataAnnotations;
using Answerback.Platform.Accounts;
using Answerback.Platform.Data;
using Answerback.Platform.Organisations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Web.Pages.Organisations;

/// <summary>Grant the organiser or moderator role of this organisation to a person with an account.</summary>
public sealed class RolesModel(OrganiserGate gate, GrantOrganisationRole grant, UserManager<Person> users, AnswerbackDbContext db) : PageModel
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
            ModelState.AddModelError("", result.Error ?? "The role could not be granted.");
            return Page();
        }

        Granted = result.Changed
            ? $"{person.DisplayName} is now {Input.Role.ToString().ToLowerInvariant()} of {Organisation.Name}."
            : $"{person.DisplayName} already was {Input.Role.ToString().ToLowerInvariant()} of {Organisation.Name}.";
        Holders = await ListHoldersAsync(ct);
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
        Holders = await ListHoldersAsync(ct);
        return null;
    }

    private async Task<IReadOnlyList<RoleHolder>> ListHoldersAsync(CancellationToken ct)
    {
        var holders = await (
            from r in db.OrganisationRoles.AsNoTracking()
            join p in db.Users on r.PersonId equals p.Id
            where r.OrganisationId == Organisation.Id
            select new RoleHolder(p.DisplayName, p.Email ?? "", r.Role)).ToListAsync(ct);
        return [.. holders.OrderBy(h => h.Role).ThenBy(h => h.DisplayName, StringComparer.Ordinal)];
    }
}

public sealed record RoleHolder(string DisplayName, string Email, OrganisationRoleKind Role);

public sealed class GrantRoleInput
{
    [Required(ErrorMessage = "Enter the email address of the person's account")]
    [EmailAddress(ErrorMessage = "Enter an email address like name@example.org")]
    [Display(Name = "Email address of their account")]
    public string Email { get; set; } = "";

    [Display(Name = "Role")]
    public OrganisationRoleKind Role { get; set; } = OrganisationRoleKind.Moderator;
}
