using Answerback.Platform.Areas;
using Answerback.Platform.Common;
using Answerback.Platform.Primaries;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Primaries.Manage;

/// <summary>
/// An organiser runs a primary: edits the draft, publishes it, approves or withdraws nominations.
/// Each use case checks the role itself; this page answers 404 for no primary and 403 for others.
/// </summary>
[TwoFactorRequired]
public sealed class ManageModel(
    PrimaryQuery primaries, PrimaryAccess access, HustingsQuery hustings, AreaDirectory areas, CurrentPerson current, TimeProvider time,
    EditPrimary edit, PublishPrimary publish, ApproveCandidate approve, WithdrawCandidate withdraw, ILogger<ManageModel> logger) : PageModel
{
    [BindProperty]
    public PrimaryInput Input { get; set; } = new();

    public PrimarySummary Primary { get; private set; } = null!;

    public PrimaryState State { get; private set; }

    public IReadOnlyList<AreaChoice> Areas { get; private set; } = [];

    public IReadOnlyList<NominationView> Nominations { get; private set; } = [];

    [TempData]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refusal)
        {
            return refusal;
        }

        Input = PrimaryInput.From(Primary.Primary);
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(Guid id, CancellationToken ct)
        => RunAsync(id, () => edit.EditAsync(current.Id, id, Input.ToDetails(), ct), "The draft is saved.", ct, checkForm: true);

    public Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken ct)
        => RunAsync(id, () => publish.PublishAsync(current.Id, id, ct), "The primary is published.", ct);

    public Task<IActionResult> OnPostApproveAsync(Guid id, Guid candidateId, CancellationToken ct)
        => RunAsync(id, () => approve.ApproveAsync(current.Id, candidateId, ct), "The candidate is approved.", ct);

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, Guid candidateId, CancellationToken ct)
        => RunAsync(id, () => withdraw.WithdrawAsync(current.Id, candidateId, ct), "The nomination is withdrawn.", ct);

    private async Task<IActionResult> RunAsync<T>(Guid id, Func<Task<Result<T>>> action, string done, CancellationToken ct, bool checkForm = false)
        where T : class
    {
        if (await LoadAsync(id, ct) is { } refusal)
        {
            return refusal;
        }

        if (checkForm && !ModelState.IsValid)
        {
            return Page();
        }

        if (!checkForm)
        {
            // Only the details form binds Input; the other forms show the stored details again.
            ModelState.Clear();
            Input = PrimaryInput.From(Primary.Primary);
        }

        var result = await action();
        if (result.Errors.Any(e => e.Field == PrimaryAccess.Field))
        {
            return Forbid();
        }

        if (!result.Succeeded)
        {
            ModelState.AddErrors(result, PrimaryInput.Keys);
            return Page();
        }

        Done = done;
        return Redirect($"/primaries/{id}/manage");
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var primary = await primaries.GetAsync(id, ct);
        if (primary is null)
        {
            return NotFound();
        }

        if (await access.OrganiserRoleAsync(current.Id, primary.Primary.OrganisationId, ct) is null)
        {
            logger.Refused(current.Id, "primary management", primary.Primary.OrganisationId);
            return Forbid();
        }

        Primary = primary;
        State = primary.StateAt(time.GetUtcNow());
        Areas = await areas.ChoicesAsync(ct: ct);
        Nominations = await hustings.NominationsAsync(id, ct);
        return null;
    }
}
