using Answerback.Platform.Accounts;
using Answerback.Platform.Residency;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Accounts;

/// <summary>"My account": who I am, where I live (verified or declared) and what I may do.</summary>
public sealed class MeModel(UserManager<Person> users, SignInManager<Person> signIn, AccountOverview overview, RegisterAttestation attestation, CurrentPerson current, ILogger<MeModel> logger) : PageModel
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
        var account = await overview.GetAsync(person.Id, ct);
        IsAdministrator = account.IsAdministrator;
        Residencies = account.Residencies;
        OrganisationRoles = account.OrganisationRoles;
        Backing = await attestation.BackingAsync(person.Id, ct);
        return Page();
    }
}
