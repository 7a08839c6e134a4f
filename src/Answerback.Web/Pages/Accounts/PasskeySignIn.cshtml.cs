using Answerback.Platform.Accounts;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Accounts;

/// <summary>
/// Sign in with a passkey: the browser asks for options (a fresh challenge, kept by Identity in a
/// short-lived cookie), the authenticator signs it, and the form posts the credential here.
/// A failed attempt gets the same message whatever went wrong. Limited like password sign-in (per address).
/// </summary>
[AllowAnonymous]
[RateLimited(RateLimitKind.SignIn)]
public sealed class PasskeySignInModel(SignInManager<Person> signIn, ILogger<PasskeySignInModel> logger) : PageModel
{
    public const string FailedMessage = "That passkey did not sign you in. Try again, or sign in with your password.";

    [BindProperty]
    public string? CredentialJson { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    /// <summary>The options for <c>navigator.credentials.get</c> (JSON); the antiforgery token comes in a header.</summary>
    public async Task<IActionResult> OnPostOptionsAsync()
        => Content(await signIn.MakePasskeyRequestOptionsAsync(null), "application/json");

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrEmpty(CredentialJson) || CredentialJson.Length > 64 * 1024)
        {
            ModelState.AddModelError("", FailedMessage);
            return Page();
        }

        var result = await signIn.PasskeySignInAsync(CredentialJson);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.SafeReturnUrl(ReturnUrl));
        }

        logger.SignInFailed("an account", result.IsLockedOut ? "passkey, locked out" : "passkey refused");
        ModelState.AddModelError("", FailedMessage);
        return Page();
    }
}
