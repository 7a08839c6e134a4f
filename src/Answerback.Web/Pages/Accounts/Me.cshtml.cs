using Answerback.Platform.Accounts;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Accounts;

/// <summary>"My account": who I am, where I live (verified or declared) and what I may do.</summary>
public sealed class MeModel(UserManager<Person> users, AccountOverview overview, CurrentPerson current) : PageModel
{
    public Person Person { get; private set; } = null!;

    public bool IsAdministrator { get; private set; }

    public IReadOnlyList<MyResidency> Residencies { get; private set; } = [];

    public IReadOnlyList<MyOrganisationRole> OrganisationRoles { get; private set; } = [];

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
        return Page();
    }
}
