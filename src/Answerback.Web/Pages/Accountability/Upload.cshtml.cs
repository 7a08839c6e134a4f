using System.ComponentModel.DataAnnotations;
using Answerback.Platform.Accountability;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Accountability;

/// <summary>Upload posts for one representative: the owning organisation's organisers and researchers, or the representative.</summary>
[RequestSizeLimit(MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
public sealed class UploadModel(AccountabilityDirectory directory, AccountabilityAccess access, PostUploads uploads, CurrentPerson current) : PageModel
{
    /// <summary>A million posts of JSON lines is about 300 MB; archives are far smaller. The store's default limit (<c>Uploads:MaxBytes</c>) is the same.</summary>
    public const long MaxUploadBytes = Answerback.Platform.Imports.UploadsOptions.DefaultMaxBytes;

    [BindProperty]
    [Required(ErrorMessage = "Choose a file of posts")]
    [Display(Name = "Posts")]
    public IFormFile? Posts { get; set; }

    public RepresentativeDetails Representative { get; private set; } = null!;

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var rep = await directory.GetAsync(id, ct);
        if (rep is null)
        {
            return NotFound();
        }

        Representative = rep;
        return await access.MayImportPostsAsync(current.Id, rep.OwnerOrganisationId, id, ct) ? null : Forbid();
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refusal)
        {
            return refusal;
        }

        if (!ModelState.IsValid || Posts is null)
        {
            return Page();
        }

        var queued = await uploads.StartAsync(Representative.OwnerOrganisationId, id, Posts, ct);
        if (!queued.Succeeded)
        {
            ModelState.AddErrors(queued, ("file", nameof(Posts)));
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        return Redirect($"/imports/posts/{queued.Value.Id}");
    }
}
