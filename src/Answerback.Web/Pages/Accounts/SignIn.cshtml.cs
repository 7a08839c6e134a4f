using System.ComponentModel.DataAnnotations;
using Answerback.Platform.Accounts;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Accounts;

/// <summary>
/// Sign in with email and password. Identity locks the account for 15 minutes after 5 failures
/// (configured by the platform); the page says so rather than failing silently.
/// </summary>
[AllowAnonymous]
[RateLimited(RateLimitKind.SignIn)]
public sealed class SignInModel(SignInManager<Person> signIn, UserManager<Person> users, AccountEmails emails, ILogger<SignInModel> logger) : PageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool LockedOut { get; private set; }

    public bool NeedsConfirmation { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var person = await users.FindByEmailAsync(Input.Email.Trim());
        if (person is null)
        {
            ModelState.AddModelError("", "The email address or password is not right.");
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(person, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.SignedIn(person.Id);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/accounts/me");
        }

        if (result.IsLockedOut)
        {
            logger.LockedOut(person.Id);
            LockedOut = true;
            ModelState.AddModelError("", "This account is locked for 15 minutes after too many failed sign-ins. Try again later, or reset your password.");
            return Page();
        }

        if (result.IsNotAllowed)
        {
            // Only reached with the right password, so saying the address is unconfirmed reveals nothing.
            NeedsConfirmation = true;
            await emails.SendConfirmationAsync(person, ct);
            ModelState.AddModelError("", "Please confirm your email address first. We have sent you a new confirmation link.");
            return Page();
        }

        ModelState.AddModelError("", "The email address or password is not right.");
        return Page();
    }
}

public sealed class SignInInput
{
    [Required(ErrorMessage = "Enter your email address")]
    [EmailAddress(ErrorMessage = "Enter an email address like name@example.org")]
    [Display(Name = "Email address")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter your password")]
    [DataType(DataType.Password)]
    [Display(Name = "Password")]
    public string Password { get; set; } = "";
}
