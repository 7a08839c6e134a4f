using Answerback.Platform.Accounts;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Accounts;

/// <summary>
/// Sign out is a POST (with the antiforgery token), so a link on another site cannot sign people
/// out. It ends the session on the server too: the security stamp changes, so a copy of the cookie
/// stops working (this ends the account's other sessions as well: the stamp is per account).
/// </summary>
public sealed class SignOutModel(SignInManager<Person> signIn, UserManager<Person> users, CurrentPerson current, ILogger<SignOutModel> logger) : PageModel
{
    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (current.IsSignedIn)
        {
            await Sessions.EndAllAsync(users, current.Id);
            logger.SessionsEnded(current.Id);
        }

        await signIn.SignOutAsync();
        return Redirect("/");
    }
}
