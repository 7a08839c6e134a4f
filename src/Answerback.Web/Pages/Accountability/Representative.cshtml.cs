using Answerback.Platform.Accountability;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Accountability;

/// <summary>A representative's public page: who they are, their accounts and note, and their precomputed scorecard.</summary>
[AllowAnonymous]
public sealed class RepresentativeModel(AccountabilityDirectory directory, AccountabilityAccess access, EditRepresentative edit, IAccountabilityJobs jobs, CurrentPerson current) : PageModel
{
    public RepresentativeDetails Details { get; private set; } = null!;

    /// <summary>The signed-in person is this representative (they may write their note).</summary>
    public bool IsThemselves { get; private set; }

    public bool MayUpload { get; private set; }

    [BindProperty]
    public NoteInput Note { get; set; } = new();

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var details = await directory.GetAsync(id, ct);
        if (details is null)
        {
            return NotFound();
        }

        Details = details;
        if (current.IsSignedIn)
        {
            IsThemselves = details.PersonId == current.Id;
            MayUpload = await access.MayImportPostsAsync(current.Id, details.OwnerOrganisationId, id, ct);
        }

        return null;
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refusal)
        {
            return refusal;
        }

        Note = new NoteInput { Text = Details.PublicNote, Excluded = Details.ExcludedNetwork };
        return Page();
    }

    public async Task<IActionResult> OnPostNoteAsync(Guid id, CancellationToken ct)
    {
        if (!current.IsSignedIn)
        {
            return Challenge();
        }

        if (await LoadAsync(id, ct) is { } refusal)
        {
            return refusal;
        }

        var saved = await edit.SaveNoteAsync(id, current.Id, Note.Text, Note.Excluded, ct);
        if (!saved.Succeeded)
        {
            if (!IsThemselves)
            {
                return Forbid();
            }

            ModelState.AddErrors(saved, ("note", "Note.Text"), ("excluded", "Note.Excluded"));
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        jobs.EnqueueRecompute();
        return Redirect($"/representatives/{id}");
    }

    public sealed class NoteInput
    {
        public string? Text { get; set; }

        public string? Excluded { get; set; }
    }
}
