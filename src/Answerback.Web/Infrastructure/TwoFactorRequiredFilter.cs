using Answerback.Platform.Accounts;
using Answerback.Platform.Demo;
using Answerback.Platform.Organisations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace Answerback.Web.Infrastructure;

/// <summary>
/// On the organiser and administrator pages: an administrator or organiser without two-factor
/// sign-in is sent to enrol first (a stolen password alone must not run a primary). The seeded
/// people of a demo site are exempt: anyone may sign in as them by design.
/// </summary>
public sealed class TwoFactorRequiredFilter(UserManager<Person> users, OrganisationAccess access, IOptions<DemoOptions> demo) : IAsyncPageFilter
{
    public const string EnrolPath = "/accounts/two-factor?required=true";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.HttpContext.User.Identity?.IsAuthenticated == true
            && await users.GetUserAsync(context.HttpContext.User) is { TwoFactorEnabled: false } person
            && !(demo.Value.Enabled && DemoData.People.Any(p => string.Equals(p.Email, person.Email, StringComparison.OrdinalIgnoreCase)))
            && await access.IsAnyOrganiserAsync(person.Id, context.HttpContext.RequestAborted))
        {
            context.Result = new RedirectResult(EnrolPath);
            return;
        }

        await next();
    }
}
