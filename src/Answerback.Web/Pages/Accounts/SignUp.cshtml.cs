using System.ComponentModel.DataAnnotations;
using Answerback.Platform.Accounts;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Accounts;

[AllowAnonymous]
[RateLimited(RateLimitKind.SignUp)]
public sealed class SignUpModel(UserManager<Person> users, AccountEmails emails, TimeProvider time, ILogger<SignUpModel> logger) : PageModel
{
    [BindProperty]
    public SignUpInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var email = Input.Email.Trim();
        var person = Person.Create(email, Input.DisplayName.Trim(), time.GetUtcNow());
        var result = await users.CreateAsync(person, Input.Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var key = error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password"
                    : error.Code.Contains("Email", StringComparison.Ordinal) || error.Code.Contains("UserName", StringComparison.Ordinal) ? "Input.Email"
                    : "";
                // "Username 'x' is already taken" and "Email 'x' is already taken" say the same thing twice.
                if (error.Code == "DuplicateUserName")
                {
                    continue;
                }

                ModelState.AddModelError(key, error.Description);
            }

            return Page();
        }

        logger.AccountCreated(person.Id);
        await emails.SendConfirmationAsync(person, ct);
        return RedirectToPage("/Accounts/CheckEmail", new { reason = "confirm" });
    }
}

public sealed class SignUpInput
{
    [Required(ErrorMessage = "Enter your email address")]
    [EmailAddress(ErrorMessage = "Enter an email address like name@example.org")]
    [StringLength(254)]
    [Display(Name = "Email address")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter the name others will see")]
    [StringLength(200, ErrorMessage = "Use at most 200 characters for your name")]
    [Display(Name = "Your name")]
    public string DisplayName { get; set; } = "";

    [Required(ErrorMessage = "Choose a password")]
    [StringLength(200, MinimumLength = 10, ErrorMessage = "Use at least 10 characters for your password")]
    [DataType(DataType.Password)]
    [Display(Name = "Password")]
    public string Password { get; set; } = "";
}
