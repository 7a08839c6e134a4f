using System.ComponentModel.DataAnnotations;
using Answerback.Platform.Accounts;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Accounts;

/// <summary>
/// Sign in with email and password. Identity locks the account for 15 minutes after 5 failures.
/// An unknown address, a wrong password and a locked account get the same message and the same
/// work (a password hash is always checked, a dummy one for an unknown address), so the page does
/// not tell which addresses have accounts. Only the right password on an unconfirmed account is
/// told to confirm (that reveals nothing to someone who knows the password).
/// </summary>
[AllowAnonymous]
[RateLimited(RateLimitKind.SignIn)]
public sealed class SignInModel(SignInManager<Person> signIn, UserManager<Person> users, IPasswordHasher<Person> hasher, AccountEmails emails, ExternalProviders providers, ILogger<SignInModel> logger) : PageModel, IRateLimitedAccount
{
    public const string FailedMessage =
        "The email address or password is not right. After 5 wrong passwords an account is locked for 15 minutes: try again later, or reset your password.";

    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<Person>().HashPassword(new Person(), Guid.NewGuid().ToString()));

    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool NeedsConfirmation { get; private set; }

    /// <summary>Set when a provider's answer was refused (tampered, replayed, expired or an error at the provider).</summary>
    [BindProperty(SupportsGet = true, Name = ExternalSignIn.FailedQuery)]
    public bool ExternalFailed { get; set; }

    public IReadOnlyList<ExternalProvider> Providers => providers.All;

    public string? RateLimitAccount => Input.Email;

    public void OnGet()
    {
        if (ExternalFailed)
        {
            ModelState.AddModelError("", "Signing in through the other site did not work, or took too long. Please try again.");
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var person = await users.FindByEmailAsync(Input.Email.Trim());
        if (person is null || await users.IsLockedOutAsync(person))
        {
            // The same password hashing as a real attempt.
            _ = hasher.VerifyHashedPassword(person ?? new Person(), DummyHash.Value, Input.Password);
            logger.SignInFailed(person?.Id.ToString() ?? "an unknown account", person is null ? "no such account" : "locked out");
            return Failed();
        }

        if (!person.EmailConfirmed)
        {
            if (!await users.CheckPasswordAsync(person, Input.Password))
            {
                await users.AccessFailedAsync(person);
                logger.SignInFailed(person.Id.ToString(), "wrong password, unconfirmed");
                return Failed();
            }

            NeedsConfirmation = true;
            await emails.SendConfirmationAsync(person, ct);
            ModelState.AddModelError("", "Please confirm your email address first. We have sent you a new confirmation link.");
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(person, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.SignedIn(person.Id);
            return LocalRedirect(SafeReturnUrl());
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Accounts/SignInTwoFactor", new { returnUrl = SafeReturnUrl() });
        }

        if (result.IsLockedOut)
        {
            logger.LockedOut(person.Id);
        }
        else
        {
            logger.SignInFailed(person.Id.ToString(), "wrong password");
        }

        return Failed();
    }

    private string SafeReturnUrl() => Url.SafeReturnUrl(ReturnUrl);

    private PageResult Failed()
    {
        ModelState.AddModelError("", FailedMessage);
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
