using Answerback.Platform.Conversations;
using Answerback.Platform.Organisations;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Conversations;

/// <summary>An organiser publishes the organisation's response to a report, point by point.</summary>
[TwoFactorRequired]
public sealed class RespondModel(ConversationQueries queries, PublishResponse publish, OrganisationAccess access, CurrentPerson current, ILogger<RespondModel> logger) : PageModel
{
    public ReportView View { get; private set; } = null!;

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public List<PointInput> Points { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, int number, CancellationToken ct)
    {
        if (await AuthoriseAsync(id, number, ct) is { } refusal)
        {
            return refusal;
        }

        Points = [.. View.Highlighted.Select(s => new PointInput { StatementId = s.Id })];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, int number, CancellationToken ct)
    {
        if (await AuthoriseAsync(id, number, ct) is { } refusal)
        {
            return refusal;
        }

        var result = await publish.RunAsync(View.Report.Id, current.Id, Text ?? "",
            [.. Points.Select(p => new PointDraft(p.StatementId, p.Decision, p.Reason, p.Until))], ct);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result, ("text", nameof(Text)));
            return Page();
        }

        return Redirect($"/conversations/{id}/reports/{number}");
    }

    private async Task<IActionResult?> AuthoriseAsync(Guid id, int number, CancellationToken ct)
    {
        var view = await queries.ReportAsync(id, number, ct);
        if (view is null || await queries.OrganisationOfAsync(id, ct) is not { } organisation)
        {
            return NotFound();
        }

        if (!await access.IsOrganiserAsync(current.Id, organisation, ct))
        {
            logger.Refused(current.Id, "conversation response", organisation);
            return Forbid();
        }

        View = view;
        return null;
    }
}

public sealed class PointInput
{
    public Guid StatementId { get; set; }

    public ResponseDecision? Decision { get; set; }

    public string? Reason { get; set; }

    public DateOnly? Until { get; set; }
}
