using Answerback.Platform.Accounts;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Accounts;

/// <summary>
/// Links the account the person just signed in with at a provider to their Answerback account,
/// after they signed in here (password, passkey or another linked account), and only when they
/// press the button: the page names both accounts first.
/// </summary>
public sealed class LinkExternalModel(SignInManager<Person> signIn, UserManager<Person> users, SignInMethods methods, ExternalProviders providers, CurrentPerson current, ILogger<LinkExternalModel> logger) : PageModel
{
    public ExternalAccount? Account { get; private set; }

    public string? PersonEmail { get; private set; }

    public IReadOnlyList<ExternalProvider> Providers => providers.All;

    public async Task<IActionResult> OnGetAsync()
    {
        var info = await signIn.GetExternalLoginInfoAsync();
        Account = info is null ? null : ExternalSignIn.Account(info);
        PersonEmail = (await users.FindByIdAsync(current.Id.ToString()))?.Email;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var info = await signIn.GetExternalLoginInfoAsync();
        var person = await users.FindByIdAsync(current.Id.ToString());
        if (person is null)
        {
            return Challenge();
        }

        if (info is null)
        {
            return RedirectToPage();
        }

        Account = ExternalSignIn.Account(info);
        PersonEmail = person.Email;
        var linked = await methods.LinkAsync(person, Account.Login);
        if (!linked.Succeeded)
        {
            ModelState.AddErrors(linked);
            return Page();
        }

        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        logger.SignInMethodChanged(person.Id, "linked an account at " + info.LoginProvider);
        return Redirect("/accounts/me");
    }

    public async Task<IActionResult> OnPostCancelAsync()
    {
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        return Redirect("/accounts/me");
    }
}
