using System.ComponentModel.DataAnnotations;
using Answerback.Platform.Moderation;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Moderation;

/// <summary>One decision in public; its author may appeal it once, a moderator of its organisation decides the appeal.</summary>
[AllowAnonymous]
public sealed class DecisionModel(ModerationLog log, AppealDecision appeal, DecideAppeal decide, CurrentPerson current) : PageModel
{
    public ModerationDecisionView View { get; private set; } = null!;

    [BindProperty]
    public AppealInput AppealInput { get; set; } = new();

    [BindProperty]
    public DecideInput DecideInput { get; set; } = new();

    [FromQuery(Name = "appealed")]
    public bool Appealed { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
        => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAppealAsync(Guid id, CancellationToken ct)
    {
        if (!current.IsSignedIn)
        {
            return Challenge();
        }

        var result = await appeal.RunAsync(id, current.Id, AppealInput.Text, ct);
        if (result.Succeeded)
        {
            return Redirect($"/moderation/decisions/{id}?appealed=true");
        }

        ModelState.Clear();
        ModelState.AddErrors(result, ("text", "AppealInput.Text"));
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostDecideAsync(Guid id, Guid appeal, CancellationToken ct)
    {
        if (!current.IsSignedIn)
        {
            return Challenge();
        }

        var result = await decide.RunAsync(appeal, DecideInput.Outcome, DecideInput.Response, current.Id, ct);
        if (result.Succeeded)
        {
            return Redirect($"/moderation/decisions/{id}");
        }

        if (result.Errors.Any(e => e.Field == "moderator"))
        {
            return Forbid();
        }

        ModelState.Clear();
        ModelState.AddErrors(result);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var view = await log.DecisionAsync(id, current.IsSignedIn ? current.Id : null, ct);
        if (view is null)
        {
            return false;
        }

        View = view;
        return true;
    }
}

public sealed class AppealInput
{
    [StringLength(AppealDecision.MaxTextLength)]
    public string? Text { get; set; }
}

public sealed class DecideInput
{
    public AppealOutcome Outcome { get; set; }

    [StringLength(AppealDecision.MaxTextLength)]
    public string? Response { get; set; }
}
