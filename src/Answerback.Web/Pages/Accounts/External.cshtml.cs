using Answerback.Platform.Accounts;
using Answerback.Platform.Demo;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Answerback.Web.Pages.Accounts;

/// <summary>
/// Sign in through an OpenID Connect provider. The button is a POST (antiforgery) that challenges
/// the provider; the provider's answer lands in Identity's external cookie and comes back here:
/// an account already linked signs in (with the authenticator code when two-factor sign-in is on,
/// as with a password); otherwise the person chooses between a new account (only from an email
/// address the provider verified) and signing in with their password to link it. An existing
/// account is never linked because an email address matches.
/// </summary>
[AllowAnonymous]
public sealed class ExternalModel(SignInManager<Person> signIn, SignInMethods methods, ExternalProviders providers, IOptions<DemoOptions> demo, ILogger<ExternalModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>What the provider said, shown on the choice page.</summary>
    public ExternalAccount? Account { get; private set; }

    public IActionResult OnGet() => RedirectToPage("/Accounts/SignIn");

    /// <summary>Starts the provider's sign-in (also used from the account page to link one).</summary>
    public IActionResult OnPostChallenge(string? provider)
    {
        if (providers.Find(provider) is not { } found)
        {
            return RedirectToPage("/Accounts/SignIn");
        }

        var callback = Url.Page("/Accounts/External", "Callback", new { returnUrl = SafeReturnUrl() });
        var properties = signIn.ConfigureExternalAuthenticationProperties(found.Scheme, callback);
        return new ChallengeResult(found.Scheme, properties);
    }

    public async Task<IActionResult> OnGetCallbackAsync()
    {
        var info = await signIn.GetExternalLoginInfoAsync();
        if (info is null)
        {
            return Redirect("/accounts/sign-in?" + ExternalSignIn.FailedQuery + "=true");
        }

        if (User.Identity?.IsAuthenticated == true)
        {
            // Signed in already: this is "link an account" from the account page.
            return RedirectToPage("/Accounts/LinkExternal");
        }

        var result = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false, bypassTwoFactor: false);
        if (result.Succeeded)
        {
            return LocalRedirect(SafeReturnUrl());
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Accounts/SignInTwoFactor", new { returnUrl = SafeReturnUrl() });
        }

        if (result.IsLockedOut || result.IsNotAllowed)
        {
            await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
            logger.ExternalSignInRefused(info.LoginProvider, result.IsLockedOut ? "account locked out" : "account not allowed to sign in");
            ModelState.AddModelError("", SignInModel.FailedMessage);
            return Page();
        }

        Account = ExternalSignIn.Account(info);
        return Page();
    }

    /// <summary>Creates a new person from the provider's account.</summary>
    public async Task<IActionResult> OnPostCreateAsync()
    {
        var info = await signIn.GetExternalLoginInfoAsync();
        if (info is null)
        {
            return Redirect("/accounts/sign-in?" + ExternalSignIn.FailedQuery + "=true");
        }

        Account = ExternalSignIn.Account(info);
        var created = await methods.CreateAsync(Account, demo.Value.Enabled);
        if (!created.Succeeded)
        {
            ModelState.AddErrors(created);
            return Page();
        }

        logger.AccountCreated(created.Value.Id);
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        await signIn.SignInAsync(created.Value, isPersistent: false, info.LoginProvider);
        return LocalRedirect(SafeReturnUrl());
    }

    private string SafeReturnUrl() => Url.SafeReturnUrl(ReturnUrl);
}
