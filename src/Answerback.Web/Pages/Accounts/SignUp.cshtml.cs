using System.ComponentModel.DataAnnotations;
using Answerback.Platform.Demo;
using Answerback.Platform.Accounts;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Answerback.Web.Pages.Accounts;

/// <summary>
/// Creates an account. The answer is the same whether or not the address already has one, and so
/// is the work (the password is checked and hashed, one email is queued): the owner of a taken
/// address is told by email instead of the visitor on the page.
/// </summary>
[AllowAnonymous]
[RateLimited(RateLimitKind.SignUp)]
public sealed class SignUpModel(UserManager<Person> users, IPasswordHasher<Person> hasher, AccountEmails emails, TimeProvider time, IOptions<DemoOptions> demo, ILogger<SignUpModel> logger) : PageModel, IRateLimitedAccount
{
    [BindProperty]
    public SignUpInput Input { get; set; } = new();

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
        var person = Person.Create(email, Input.DisplayName.Trim(), time.GetUtcNow());
        person.CreatedInDemo = demo.Value.Enabled;
        var existing = await users.FindByEmailAsync(email);
        if (existing is not null)
        {
            // The same checks and the same hashing as a new account, then a notice to the owner.
            if (!await PasswordAcceptedAsync(person))
            {
                return Page();
            }

            _ = hasher.HashPassword(person, Input.Password);
            await emails.SendAlreadyRegisteredAsync(existing.Email!, ct);
            return RedirectToPage("/Accounts/CheckEmail", new { reason = "confirm" });
        }

        var result = await users.CreateAsync(person, Input.Password);
        if (!result.Succeeded)
        {
            AddErrors(result.Errors.Where(e => e.Code is not ("DuplicateUserName" or "DuplicateEmail")));
            return Page();
        }

        logger.AccountCreated(person.Id);
        await emails.SendConfirmationAsync(person, ct);
        return RedirectToPage("/Accounts/CheckEmail", new { reason = "confirm" });
    }

    private async Task<bool> PasswordAcceptedAsync(Person person)
    {
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, person, Input.Password)).Errors);
        }

        AddErrors(errors);
        return errors.Count == 0;
    }

    private void AddErrors(IEnumerable<IdentityError> errors)
    {
        foreach (var error in errors)
        {
            var key = error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password"
                : error.Code.Contains("Email", StringComparison.Ordinal) || error.Code.Contains("UserName", StringComparison.Ordinal) ? "Input.Email"
                : "";
            ModelState.AddModelError(key, error.Description);
        }
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
    [StringLength(PasswordPolicy.MaximumLength, MinimumLength = PasswordPolicy.MinimumLength, ErrorMessage = "Use at least 8 characters for your password")]
    [DataType(DataType.Password)]
    [Display(Name = "Password")]
    public string Password { get; set; } = "";
}
