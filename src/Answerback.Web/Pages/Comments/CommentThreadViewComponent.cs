using Answerback.Platform.Comments;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Answerback.Web.Pages.Comments;

/// <summary>
/// A capability's page shows its thread with one line,
/// <c>@await Component.InvokeAsync("CommentThread", new { kind = XCommentThreads.ThreadKind, thread = id })</c>:
/// the first page of comments through the <c>Comments/_Thread</c> partial, or nothing when the
/// owner says there is no thread (a draft, an unapproved candidate).
/// </summary>
public sealed class CommentThreadViewComponent(CommentThreadQuery query, CurrentPerson current) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string kind, Guid thread)
    {
        var view = await query.PageAsync(kind, thread, current.IsSignedIn ? current.Id : null, 1, HttpContext.RequestAborted);
        return view is null ? Content("") : View("/Pages/Comments/_Thread.cshtml", view);
    }
}
