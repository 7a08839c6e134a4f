using System.ComponentModel.DataAnnotations;
using Answerback.Platform.Accounts;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Accounts;

/// <summary>The second step of signing in: a code from the authenticator app, or a recovery code. Failures count towards the lock-out.</summary>
[AllowAnonymous]
[RateLimited(RateLimitKind.SignIn)]
public sealed class SignInTwoFactorModel(SignInManager<Person> signIn, ILogger<SignInTwoFactorModel> logger) : PageModel
{
    [BindProperty]
    public SignInTwoFactorInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync()
        => await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Accounts/SignIn") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var person = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (person is null)
        {
            return RedirectToPage("/Accounts/SignIn");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var code = Input.Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var result = code.Length == 6 && code.All(char.IsAsciiDigit)
            ? await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(Input.Code.Trim());
        if (result.Succeeded)
        {
            logger.SignedIn(person.Id);
            return LocalRedirect(Url.SafeReturnUrl(ReturnUrl));
        }

        logger.SignInFailed(person.Id.ToString(), result.IsLockedOut ? "locked out at the second step" : "wrong second-factor code");
        ModelState.AddModelError("", "This code is not right. After 5 wrong tries the account is locked for 15 minutes.");
        return Page();
    }
}

public sealed class SignInTwoFactorInput
{
    [Required(ErrorMessage = "Enter the code from your authenticator app, or a recovery code")]
    [StringLength(40)]
    [Display(Name = "Code")]
    public string Code { get; set; } = "";
}
