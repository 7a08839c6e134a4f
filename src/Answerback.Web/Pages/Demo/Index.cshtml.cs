using Answerback.Platform.Accounts;
using Answerback.Platform.Demo;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Answerback.Web.Pages.Demo;

/// <summary>
/// "Sign in as ...": one form per demo person. The demo people have no usable password; this panel
/// is the only way in, and it exists only in demo mode (404 otherwise).
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(IOptions<DemoOptions> demo, UserManager<Person> users, SignInManager<Person> signIn, ILogger<IndexModel> logger) : PageModel
{
    public IReadOnlyList<DemoPerson> People => DemoData.People;

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
