using Answerback.Platform.Accountability;
using Answerback.Platform.Common;
using Answerback.Platform.Eligibility;
using Answerback.Platform.Organisations;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Accountability;

/// <summary>
/// A representative's public page: who they are, their accounts and note, their precomputed
/// scorecard, their response rate and residents' questions to them. Verified residents of the area
/// ask; the representative (signed in with the linked account) answers and writes their note; the
/// registry's organisers link the entry to an account.
/// </summary>
[AllowAnonymous]
public sealed class RepresentativeModel(
    AccountabilityDirectory directory, AccountabilityAccess access, EditRepresentative edit, IAccountabilityJobs jobs, CurrentPerson current,
    RepresentativeQuestions questions, AskRepresentatives ask, AnswerRepresentativeQuestion answer, CheckEligibility eligibility, OrganisationAccess organisations) : PageModel
{
    public RepresentativeDetails Details { get; private set; } = null!;

    /// <summary>The signed-in person is this representative (they may write their note and answer).</summary>
    public bool IsThemselves { get; private set; }

    public bool MayUpload { get; private set; }

    /// <summary>The viewer keeps the registry entry (organiser or administrator): they may link it to an account.</summary>
    public bool MayLink { get; private set; }

    public bool ViewerModerates { get; private set; }

    /// <summary>Whether the signed-in viewer may ask (null: signed out).</summary>
    public EligibilityDecision? Eligibility { get; private set; }

    public IReadOnlyList<RepresentativeQuestionView> Questions { get; private set; } = [];

    /// <summary>Who "everyone in the area" is.</summary>
    public IReadOnlyList<string> Everyone { get; private set; } = [];

    [BindProperty]
    public NoteInput Note { get; set; } = new();

    [BindProperty]
    public string? Question { get; set; }

    [BindProperty]
    public bool ToEveryone { get; set; }

    [BindProperty]
    public string? Answer { get; set; }

    [BindProperty]
    public string? LinkEmail { get; set; }

    /// <summary>The question whose answer form had an error.</summary>
    public Guid? AnswerFor { get; private set; }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var details = await directory.GetAsync(id, ct);
        if (details is null)
        {
            return NotFound();
        }

        Details = details;
        Guid? viewer = current.IsSignedIn ? current.Id : null;
        Questions = await questions.ForRepresentativeAsync(id, viewer, ct);
        Everyone = await questions.EveryoneInAreaAsync(id, ct);
        if (viewer is { } person)
        {
            IsThemselves = details.PersonId == person;
            MayUpload = await access.MayImportPostsAsync(person, details.OwnerOrganisationId, id, ct);
            MayLink = await access.MayEditRegistryAsync(person, details.OwnerOrganisationId, ct);
            ViewerModerates = await organisations.IsModeratorAsync(person, details.OwnerOrganisationId, ct);
            Eligibility = await eligibility.CheckAsync(person, new VerifiedResidentOf(details.Representative.AreaId), ct);
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

    public Task<IActionResult> OnPostAskAsync(Guid id, CancellationToken ct)
        => RunAsync(id, () => ask.AskAsync(current.Id, id, ToEveryone, Question, ct), q => "#question-" + q.Id, ("text", nameof(Question)), ct);

    public Task<IActionResult> OnPostAnswerAsync(Guid id, Guid questionId, CancellationToken ct)
    {
        AnswerFor = questionId;
        return RunAsync(id, () => answer.AnswerAsync(current.Id, questionId, id, Answer, ct), _ => "#question-" + questionId, ("text", "answer-" + questionId), ct);
    }

    public Task<IActionResult> OnPostLinkAsync(Guid id, CancellationToken ct)
        => RunAsync(id, () => edit.LinkPersonAsync(id, current.Id, LinkEmail ?? "", ct), _ => "#link", ("email", nameof(LinkEmail)), ct);

    private async Task<IActionResult> RunAsync<T>(Guid id, Func<Task<Result<T>>> action, Func<T, string> fragment, (string Field, string Key) textKey, CancellationToken ct)
        where T : class
    {
        if (!current.IsSignedIn)
        {
            return Challenge();
        }

        var result = await action();
        if (result.Succeeded)
        {
            return Redirect($"/representatives/{id}" + fragment(result.Value));
        }

        if (result.Errors.Any(e => e.Field == "representative"))
        {
            // Answering as someone else, or linking an entry of another organisation: refused outright.
            return Forbid();
        }

        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }

        ModelState.AddErrors(result, textKey);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    public sealed class NoteInput
    {
        public string? Text { get; set; }

        public string? Excluded { get; set; }
    }
}
