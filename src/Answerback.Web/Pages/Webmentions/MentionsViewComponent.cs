using Answerback.Platform.Webmentions;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Answerback.Web.Pages.Webmentions;

/// <summary>
/// "Mentioned on …": the verified Webmentions of the page being shown (by its path), each with the
/// source's title and author. One line in a page: <c>@await Component.InvokeAsync("Mentions")</c>.
/// </summary>
public sealed class MentionsViewComponent(WebmentionQueries queries, CurrentPerson person) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var view = await queries.OnPageAsync(HttpContext.Request.Path.Value ?? "/", person.IsSignedIn ? person.Id : null, HttpContext.RequestAborted);
        return View("/Pages/Webmentions/_Mentions.cshtml", view);
    }
}
