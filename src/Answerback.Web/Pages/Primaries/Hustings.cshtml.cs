using Answerback.Platform.Common;
using Answerback.Platform.Eligibility;
using Answerback.Platform.Organisations;
using Answerback.Platform.Primaries;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Primaries;

/// <summary>
/// The public hustings: questions ranked by support, each candidate's answers. Signed-in eligible
/// people ask and support; approved candidates answer. Reading needs no account; every form does.
/// </summary>
[AllowAnonymous]
public sealed class HustingsModel(
    PrimaryQuery primaries, HustingsQuery hustings, CheckEligibility eligibility, OrganisationAccess access, CurrentPerson current, TimeProvider time,
    AskQuestion ask, SupportQuestion support, AnswerQuestion answer) : PageModel
{
    public PrimarySummary Primary { get; private set; } = null!;

    public PrimaryState State { get; private set; }

    public HustingsView Hustings { get; private set; } = null!;

    public EligibilityDecision? Eligibility { get; private set; }

    /// <summary>The viewer's candidacy when they are an approved candidate (they answer instead of asking).</summary>
    public PublishedCandidate? ViewerCandidate { get; private set; }

    /// <summary>True when the viewer moderates the primary's organisation: the page offers to hide each question.</summary>
    public bool ViewerModerates { get; private set; }

    [BindProperty]
    public string? Question { get; set; }

    [BindProperty]
    public string? Answer { get; set; }

    /// <summary>The question whose answer form had an error (to show it open with the text typed).</summary>
    public Guid? AnswerFor { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
        => await LoadAsync(id, ct) ?? Page();

    public Task<IActionResult> OnPostAskAsync(Guid id, CancellationToken ct)
        => RunAsync(id, () => ask.AskAsync(current.Id, id, Question, ct), null, "Question", ct);

    public Task<IActionResult> OnPostSupportAsync(Guid id, Guid questionId, CancellationToken ct)
        => RunAsync(id, () => support.SupportAsync(current.Id, questionId, ct), questionId, null, ct);

    public Task<IActionResult> OnPostUnsupportAsync(Guid id, Guid questionId, CancellationToken ct)
        => RunAsync(id, () => support.WithdrawAsync(current.Id, questionId, ct), questionId, null, ct);

    public Task<IActionResult> OnPostAnswerAsync(Guid id, Guid questionId, CancellationToken ct)
    {
        AnswerFor = questionId;
        return RunAsync(id, () => answer.AnswerAsync(current.Id, questionId, Answer, ct), questionId, "Answer", ct);
    }

    private async Task<IActionResult> RunAsync<T>(Guid id, Func<Task<Result<T>>> action, Guid? questionId, string? textKey, CancellationToken ct)
        where T : class
    {
        if (!current.IsSignedIn)
        {
            return Challenge();
        }

        var result = await action();
        if (result.Succeeded)
        {
            return Redirect($"/primaries/{id}/hustings" + (questionId is { } q ? "#question-" + q : ""));
        }

        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }

        ModelState.AddErrors(result, ("text", textKey ?? ""));
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var primary = await primaries.GetAsync(id, ct);
        if (primary is null || !primary.IsPublished)
        {
            return NotFound();
        }

        Guid? viewer = current.IsSignedIn ? current.Id : null;
        Primary = primary;
        State = primary.StateAt(time.GetUtcNow());
        Hustings = await hustings.ViewAsync(id, viewer, ct);
        ViewerCandidate = primary.Candidates.FirstOrDefault(c => c.PersonId == viewer);
        if (viewer is { } person)
        {
            Eligibility = await eligibility.CheckAsync(person, primary.ElectorateRule, ct);
            ViewerModerates = await access.IsModeratorAsync(person, primary.Primary.OrganisationId, ct);
        }

        return null;
    }
}
