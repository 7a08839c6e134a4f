using Answerback.Platform.Moderation;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Answerback.Web.Pages.Moderation;

/// <summary>A moderator hides one subject with a reason from the fixed list (from a link beside the content, or the queue).</summary>
[TwoFactorRequired]
public sealed class HideModel(ModeratorCheck check, HideContent hide, CurrentPerson current) : SubjectPageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
        => await CheckAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "reason")] string? reason, CancellationToken ct)
    {
        if (await CheckAsync(ct) is { } refusal)
        {
            return refusal;
        }

        if (ModerationText.ParseReason(reason) is not { } parsed)
        {
            ModelState.AddModelError("", "Choose a reason from the list.");
            return Page();
        }

        var result = await hide.RunAsync(Subject, parsed, current.Id, ct);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result);
            return Page();
        }

        return Redirect("/moderation/decisions/" + result.Value.Id);
    }

    private async Task<IActionResult?> CheckAsync(CancellationToken ct)
    {
        var (info, _, error) = await check.CheckAsync(Subject, current.Id, ct);
        if (info is null)
        {
            return NotFound();
        }

        Info = info;
        return error is null ? null : Forbid();
    }
}
