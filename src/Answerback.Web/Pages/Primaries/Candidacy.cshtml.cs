using Answerback.Platform.Common;
using Answerback.Platform.Primaries;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Primaries;

/// <summary>The nominee's own page: accept a nomination, write the statement, withdraw.</summary>
public sealed class CandidacyModel(
    PrimaryQuery primaries, HustingsQuery hustings, CurrentPerson current, AcceptNomination accept, EditStatement statement, WithdrawCandidate withdraw) : PageModel
{
    public PrimarySummary Primary { get; private set; } = null!;

    public NominationView Nomination { get; private set; } = null!;

    [BindProperty]
    public string? Statement { get; set; }

    [TempData]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }

        Statement = Nomination.Candidate.Statement;
        return Page();
    }

    public Task<IActionResult> OnPostAcceptAsync(Guid id, CancellationToken ct)
        => RunAsync(id, c => accept.AcceptAsync(current.Id, c, ct), "You have accepted the nomination.", ct);

    public Task<IActionResult> OnPostStatementAsync(Guid id, CancellationToken ct)
        => RunAsync(id, c => statement.SaveAsync(current.Id, c, Statement, ct), "Your statement is saved.", ct);

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct)
        => RunAsync(id, c => withdraw.WithdrawAsync(current.Id, c, ct), "You have withdrawn.", ct);

    private async Task<IActionResult> RunAsync(Guid id, Func<Guid, Task<Result<Candidate>>> action, string done, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }

        var result = await action(Nomination.Candidate.Id);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result, ("statement", "Statement"));
            return Page();
        }

        Done = done;
        return Redirect($"/primaries/{id}/candidacy");
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var primary = await primaries.GetAsync(id, ct);
        var own = primary is { IsPublished: true } ? await hustings.OwnNominationAsync(id, current.Id, ct) : null;
        if (primary is null || own is null)
        {
            return NotFound();
        }

        (Primary, Nomination) = (primary, own);
        return null;
    }
}
