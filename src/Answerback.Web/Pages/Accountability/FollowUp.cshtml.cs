using Answerback.Platform.Accountability;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Accountability;

/// <summary>
/// The follow-up email's page: "did you get a reply?" for each representative the question went to.
/// The signed token in the address is the authority (no sign-in needed); a GET only shows the form,
/// with the answer the link chose ticked (mail scanners fetch links; they must not answer), and the
/// POST carries the token and an antiforgery token. A token that is not ours gets the same 404 page
/// whatever it is, so nothing can be learnt by trying.
/// </summary>
[AllowAnonymous]
public sealed class FollowUpModel(QuestionFollowUps followUps) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "token")]
    public string? Token { get; set; }

    [BindProperty(SupportsGet = true, Name = "representative")]
    public Guid? Representative { get; set; }

    [BindProperty(SupportsGet = true, Name = "answer")]
    public string? Answer { get; set; }

    public FollowUpView? View { get; private set; }

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        View = await followUps.ViewAsync(Token, ct);
        return View is null ? Invalid() : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await followUps.RecordAsync(Token, Representative ?? Guid.Empty, FollowUpText.Parse(Answer), ct);
        if (result.Errors.Any(e => e.Field == "token"))
        {
            return Invalid();
        }

        View = result.Value ?? await followUps.ViewAsync(Token, ct);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result, ("answer", "answer-" + Representative));
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        Saved = true;
        return Page();
    }

    private PageResult Invalid()
    {
        View = null;
        var page = Page();
        page.StatusCode = StatusCodes.Status404NotFound;
        return page;
    }
}
