using System.ComponentModel.DataAnnotations;
using Answerback.Platform.Accounts;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Accounts;

/// <summary>
/// The link from the reset email: choose a new password. Succeeding proves the person reads the
/// address, so it also confirms it and ends every other session (Identity changes the security stamp).
/// </summary>
[AllowAnonymous]
[RateLimited(RateLimitKind.PasswordReset)]
public sealed class ResetPasswordModel(UserManager<Person> users, ILogger<ResetPasswordModel> logger) : PageModel, IRateLimitedAccount
{
    public string? RateLimitAccount => "reset:" + UserId;

    [BindProperty(SupportsGet = true)]
    public Guid? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    public ResetPasswordInput Input { get; set; } = new();

    public bool Done { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var token = AccountEmails.Decode(Code);
        var person = UserId is null ? null : await users.FindByIdAsync(UserId.Value.ToString());
        if (person is null || token is null)
        {
            ModelState.AddModelError("", "This reset link is wrong or has expired. Ask for a new one.");
            return Page();
        }

        var result = await users.ResetPasswordAsync(person, token, Input.Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var message = error.Code == "InvalidToken" ? "This reset link is wrong or has expired. Ask for a new one." : error.Description;
                ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : "", message);
            }

            return Page();
        }

        // A successful reset also ends a lock-out: the person has proved they own the address.
        await users.SetLockoutEndDateAsync(person, null);
        await users.ResetAccessFailedCountAsync(person);
        if (!person.EmailConfirmed)
        {
            person.EmailConfirmed = true;
            await users.UpdateAsync(person);
        }

        logger.PasswordReset(person.Id);
        Done = true;
        return Page();
    }
}

public sealed class ResetPasswordInput
{
    [Required(ErrorMessage = "Choose a new password")]
    [StringLength(PasswordPolicy.MaximumLength, MinimumLength = PasswordPolicy.MinimumLength, ErrorMessage = "Use at least 8 characters for your password")]
    [DataType(DataType.Password)]
    [Display(Name = "New password")]
    public string Password { get; set; } = "";
}
