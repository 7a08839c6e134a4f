using Answerback.Platform.Conversations;
using Answerback.Platform.Organisations;
using Answerback.Web.Infrastructure;
using Answerback.Web.Pages.Organisations;
using Answerback.Web.Pages.Residency;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Conversations;

/// <summary>An organiser imports a Pol.is export (zip) as a read-only conversation with its attribution.</summary>
[RequestSizeLimit(RegisterModel.MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = RegisterModel.MaxUploadBytes)]
[TwoFactorRequired]
public sealed class ImportModel(OrganiserGate gate, ImportPolisConversation import, CurrentPerson current) : PageModel
{
    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public string? Topic { get; set; }

    [BindProperty]
    public string? Attribution { get; set; }

    public Organisation Organisation { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
        => await AuthoriseAsync(slug, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        if (await AuthoriseAsync(slug, ct) is { } refusal)
        {
            return refusal;
        }

        if (Upload is null)
        {
            ModelState.AddModelError(nameof(Upload), "Choose the export's zip file");
            return Page();
        }

        await using var stream = Upload.OpenReadStream();
        var result = await import.RunAsync(Organisation.Id, current.Id, stream, Path.GetFileName(Upload.FileName), Topic, Attribution ?? "", null, ct);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result, ("file", nameof(Upload)), ("topic", nameof(Topic)), ("attribution", nameof(Attribution)));
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        return Redirect($"/conversations/{result.Value.Id}");
    }

    private async Task<IActionResult?> AuthoriseAsync(string slug, CancellationToken ct)
    {
        var check = await gate.CheckAsync(slug, "import conversation", ct);
        if (check.Refused(out var refusal))
        {
            return refusal;
        }

        Organisation = check.Organisation;
        return null;
    }
}
