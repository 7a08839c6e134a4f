using Answerback.Platform.Accounts;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Accounts;

/// <summary>The link from the confirmation email. Identity's token is single-purpose and expires.</summary>
[AllowAnonymous]
public sealed class ConfirmEmailModel(UserManager<Person> users, ILogger<ConfirmEmailModel> logger) : PageModel
{
    public bool Confirmed { get; private set; }

    public async Task OnGetAsync(Guid? userId, string? code)
    {
        var token = AccountEmails.Decode(code);
        if (userId is null || token is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var person = await users.FindByIdAsync(userId.Value.ToString());
        if (person is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var result = await users.ConfirmEmailAsync(person, token);
        Confirmed = result.Succeeded;
        if (Confirmed)
        {
            logger.EmailConfirmed(person.Id);
        }
        else
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}
