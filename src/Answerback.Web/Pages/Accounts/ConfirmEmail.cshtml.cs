using Answerback.Platform.Accounts;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Accounts;

/// <summary>
/// The link from the confirmation email opens this page, which confirms only when its button is
/// pressed (a POST with the antiforgery token): a mail gateway's link scanner that opens every
/// link must not confirm an account someone else created with the address. Identity's token is
/// single-purpose and expires.
/// </summary>
[AllowAnonymous]
public sealed class ConfirmEmailModel(UserManager<Person> users, ILogger<ConfirmEmailModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public bool Confirmed { get; private set; }

    public bool Broken { get; private set; }

    public void OnGet()
    {
        if (UserId is null || AccountEmails.Decode(Code) is null)
        {
            Broken = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var token = AccountEmails.Decode(Code);
        var person = UserId is null || token is null ? null : await users.FindByIdAsync(UserId.Value.ToString());
        var result = person is null ? null : await users.ConfirmEmailAsync(person, token!);
        Confirmed = result?.Succeeded == true;
        Broken = !Confirmed;
        if (Confirmed)
        {
            logger.EmailConfirmed(person!.Id);
        }
        else
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }
}
