using Answerback.Platform.Accounts;
using Answerback.Platform.Demo;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Answerback.Web.Pages.Demo;

/// <summary>
/// "Sign in as ...": one form per demo person. The demo people have no usable password; this panel
/// is the only way in, and it exists only in demo mode (404 otherwise).
/// </summary>
public sealed class IndexModel(IOptions<DemoOptions> demo, UserManager<Person> users, SignInManager<Person> signIn, ILogger<IndexModel> logger) : PageModel
{
    public IReadOnlyList<DemoPerson> People { get; } =
    [
        new(DemoData.OrganiserEmail, "Olivia Organiser", $"Organiser of {DemoData.OrganisationName}: uploads registers and member lists, grants roles."),
        new(DemoData.ModeratorEmail, "Mo Moderator", $"Moderator of {DemoData.OrganisationName}."),
        new(DemoData.FirstCandidateEmail, "Ana Candidate", "A candidate."),
        new(DemoData.SecondCandidateEmail, "Ben Candidate", "Another candidate."),
        new(DemoData.VerifiedResidentEmail, "Vera Resident", "A resident already verified in Arbury."),
        new(DemoData.NewResidentEmail, "Noah Newcomer", $"A resident not yet verified: try elector number {DemoData.UnclaimedElectorNumber} with postcode {DemoData.UnclaimedPostcode}."),
    ];

    public IActionResult OnGet() => demo.Value.Enabled ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string email)
    {
        if (!demo.Value.Enabled)
        {
            return NotFound();
        }

        // Only the demo people: this must never become a way into a real account.
        if (!DemoData.People.Any(p => string.Equals(p.Email, email, StringComparison.OrdinalIgnoreCase)))
        {
            return BadRequest();
        }

        var person = await users.FindByEmailAsync(email);
        if (person is null)
        {
            return NotFound();
        }

        await signIn.SignInAsync(person, isPersistent: false);
        logger.DemoSignIn(person.Id);
        return Redirect("/accounts/me");
    }
}

public sealed record DemoPerson(string Email, string Name, string Description);
