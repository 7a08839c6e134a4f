using Answerback.Platform.Accounts;
using Answerback.Platform.Data;
using Answerback.Platform.Organisations;
using Answerback.Platform.Residency;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Web.Pages.Accounts;

/// <summary>"My account": who I am, where I live (verified or declared) and what I may do.</summary>
public sealed class MeModel(AnswerbackDbContext db, UserManager<Person> users, SignInManager<Person> signIn, RegisterAttestation attestation, CurrentPerson current, ILogger<MeModel> logger) : PageModel
{
    public Person Person { get; private set; } = null!;

    public bool IsAdministrator { get; private set; }

    public IReadOnlyList<MyResidency> Residencies { get; private set; } = [];

    public IReadOnlyList<MyOrganisationRole> OrganisationRoles { get; private set; } = [];

    /// <summary>Whose register backs each verification, and whether it counts.</summary>
    public IReadOnlyList<VerificationBacking> Backing { get; private set; } = [];

    /// <summary>"Sign out everywhere": every session of the account ends, this one included.</summary>
    public async Task<IActionResult> OnPostSignOutEverywhereAsync()
    {
        await Sessions.EndAllAsync(users, current.Id);
        logger.SessionsEnded(current.Id);
        await signIn.SignOutAsync();
        return Redirect("/accounts/sign-in");
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var person = await users.FindByIdAsync(current.Id.ToString());
        if (person is null)
        {
            return Challenge();
        }

        Person = person;
        IsAdministrator = await users.IsInRoleAsync(person, Roles.Administrator);
        Residencies = await (
            from r in db.Residencies
            join a in db.Areas on r.AreaId equals a.Id
            where r.PersonId == person.Id
            orderby a.Name, r.Kind
            select new MyResidency(a.Name, a.Slug, r.Kind, r.Postcode)).ToListAsync(ct);
        OrganisationRoles = await (
            from g in db.OrganisationRoles
            join o in db.Organisations on g.OrganisationId equals o.Id
            where g.PersonId == person.Id
            orderby o.Name, g.Role
            select new MyOrganisationRole(o.Name, o.Slug, g.Role)).ToListAsync(ct);
        Backing = await attestation.BackingAsync(person.Id, ct);
        return Page();
    }
}

public sealed record MyResidency(string AreaName, string AreaSlug, ResidencyKind Kind, string? Postcode);

public sealed record MyOrganisationRole(string OrganisationName, string OrganisationSlug, OrganisationRoleKind Role);
