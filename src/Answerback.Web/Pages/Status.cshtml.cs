using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages;

/// <summary>The friendly page for 4xx/5xx responses without a body (re-executed by the status-code middleware).</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public string Heading { get; private set; } = "";

    public string Explanation { get; private set; } = "";

    public void OnGet(int code) => Describe(code);

    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        (Heading, Explanation) = code switch
        {
            404 => ("Page not found", "We could not find that page. If you typed the address, check it is correct."),
            403 => ("You cannot do that", "Your account does not have permission for this page. If you think it should, ask an organiser of the organisation."),
            429 => ("Too many attempts", "You have tried this too many times. Please wait a while and try again."),
            413 => ("That file is too large", "Uploads can be at most 200 MB (files of posts 512 MB). Split the file and upload the parts."),
            400 => ("Something was wrong with that request", "Please go back, reload the page and try again."),
            405 => ("That did not work", "This page cannot be used that way. Please go back and try again."),
            _ => ("Sorry, something went wrong", "Please try again later."),
        };

        // Keep the original status: re-execution renders this page with the status the app chose.
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null && code is >= 400 and <= 599)
        {
            Response.StatusCode = code;
        }
    }
}
