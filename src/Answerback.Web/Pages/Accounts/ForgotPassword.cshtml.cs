using System.ComponentModel.DataAnnotations;
using Answerback.Platform.Accounts;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Accounts;

/// <summary>
/// Sends a reset link, to confirmed and unconfirmed accounts alike (so the owner of an address can
/// always take back an account someone else pre-registered with it). The answer and the work are
/// the same whether or not the address has an account: one email is queued either way.
/// </summary>
[AllowAnonymous]
[RateLimited(RateLimitKind.PasswordReset)]
public sealed class ForgotPasswordModel(UserManager<Person> users, AccountEmails emails) : PageModel, IRateLimitedAccount
{
    [BindProperty]
    public ForgotPasswordInput Input { get; set; } = new();

    public string? RateLimitAccount => Input.Email;

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
        var person = await users.FindByEmailAsync(email);
        if (person is not null)
        {
            await emails.SendPasswordResetAsync(person, ct);
        }
        else
        {
            await emails.SendNoAccountAsync(email, ct);
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
