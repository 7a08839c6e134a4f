using Answerback.Platform.Primaries;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Primaries;

/// <summary>Nominate yourself, or someone else by their account's email address (they must accept).</summary>
public sealed class NominateModel(PrimaryQuery primaries, Nominate nominate, CurrentPerson current) : PageModel
{
    public PrimarySummary Primary { get; private set; } = null!;

    [BindProperty]
    public string? Email { get; set; }

    /// <summary>After nominating someone else: the same words whether or not the address has an account.</summary>
    public bool NominatedOther { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
        => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostSelfAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }

        var result = await nominate.NominateAsync(current.Id, id, null, ct);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result);
            return Page();
        }

        return Redirect($"/primaries/{id}/candidacy");
    }

    public async Task<IActionResult> OnPostOtherAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }

        var result = await nominate.NominateAsync(current.Id, id, string.IsNullOrWhiteSpace(Email) ? "-" : Email, ct);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result, ("email", "Email"));
            return Page();
        }

        if (result.Value.Self)
        {
            return Redirect($"/primaries/{id}/candidacy");
        }

        NominatedOther = true;
        Email = null;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var primary = await primaries.GetAsync(id, ct);
        if (primary is null || !primary.IsPublished)
        {
            return NotFound();
        }

        Primary = primary;
        return null;
    }
}
