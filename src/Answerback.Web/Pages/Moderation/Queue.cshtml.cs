using Answerback.Platform.Moderation;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Moderation;

/// <summary>The queue of the organisations the signed-in person moderates (403 for anyone who moderates none).</summary>
[TwoFactorRequired]
public sealed class QueueModel(WaitingForModeration waiting, HideContent hide, ApproveContent approve, CurrentPerson current) : PageModel
{
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public ModerationQueuePage Queue { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
        => await LoadAsync(ct) ? Page() : Forbid();

    public async Task<IActionResult> OnPostHideAsync([FromForm(Name = "kind")] string kind, [FromForm(Name = "id")] Guid id, [FromForm(Name = "reason")] string? reason, CancellationToken ct)
    {
        if (ModerationText.ParseReason(reason) is not { } parsed)
        {
            ModelState.AddModelError("", "Choose a reason from the list.");
            return await LoadAsync(ct) ? Page() : Forbid();
        }

        return await AfterAsync(await hide.RunAsync(new ModerationSubject(kind, id), parsed, current.Id, ct), ct);
    }

    public async Task<IActionResult> OnPostApproveAsync([FromForm(Name = "kind")] string kind, [FromForm(Name = "id")] Guid id, CancellationToken ct)
        => await AfterAsync(await approve.RunAsync(new ModerationSubject(kind, id), current.Id, ct), ct);

    private async Task<IActionResult> AfterAsync(Platform.Common.Result result, CancellationToken ct)
    {
        if (result.Errors.Any(e => e.Field == "moderator"))
        {
            return Forbid();
        }

        if (result.Succeeded)
        {
            return Redirect("/moderation/queue");
        }

        ModelState.AddErrors(result);
        return await LoadAsync(ct) ? Page() : Forbid();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Queue = await waiting.PageAsync(current.Id, PageNumber, ct);
        return Queue.Moderates;
    }
}
