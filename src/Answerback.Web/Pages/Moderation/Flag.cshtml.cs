using Answerback.Platform.Moderation;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Answerback.Web.Pages.Moderation;

/// <summary>A signed-in reader reports a subject to the moderators' queue; then goes back to the page that shows it.</summary>
public sealed class FlagModel(ModerationSubjects subjects, FlagContent flag, CurrentPerson current) : SubjectPageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
        => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "reason")] string? reason, [FromForm(Name = "note")] string? note, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var result = await flag.RunAsync(Subject, ModerationText.ParseReason(reason), note, current.Id, ct);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result);
            return Page();
        }

        // Back to the content, a path on this site the capability gave: never an address from the request.
        var hash = Info.PublicPath.IndexOf('#', StringComparison.Ordinal);
        var (path, fragment) = hash < 0 ? (Info.PublicPath, "") : (Info.PublicPath[..hash], Info.PublicPath[hash..]);
        return Redirect(path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "reported=true" + fragment);
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var info = await subjects.FindAsync(Subject, ct);
        Info = info!;
        return info is not null;
    }
}
