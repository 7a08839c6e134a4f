using System.ComponentModel.DataAnnotations;
using Answerback.Platform.Accounts;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Accounts;

/// <summary>Sends a reset link. The answer is the same whether or not the address has an account.</summary>
[AllowAnonymous]
[RateLimited(RateLimitKind.PasswordReset)]
public sealed class ForgotPasswordModel(UserManager<Person> users, AccountEmails emails) : PageModel
{
    [BindProperty]
    public ForgotPasswordInput Input { get; set; } = new();

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
        if (person is not null && await users.IsEmailConfirmedAsync(person))
        {
            await emails.SendPasswordResetAsync(person, ct);
        }

        return RedirectToPage("/Accounts/CheckEmail", new { reason = "reset" });
    }
}

public sealed class ForgotPasswordInput
{
    [Required(ErrorMessage = "Enter your email address")]
    [EmailAddress(ErrorMessage = "Enter an email address like name@example.org")]
    [Display(Name = "Email address")]
    public string Email { get; set; } = "";
}
