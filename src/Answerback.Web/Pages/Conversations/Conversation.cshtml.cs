using Answerback.Platform.Conversations;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Conversations;

/// <summary>
/// A conversation: the question and background, one statement at a time to agree, disagree or pass
/// on (a form post; conversations.js sends it without a reload), adding a statement with the
/// near-duplicate prompt, the reports with their response status, and the moderators' queue.
/// </summary>
[AllowAnonymous]
public sealed class ConversationModel(ConversationQueries queries, CastVote cast, AddStatement add, ReviewStatement review, CurrentPerson current) : PageModel
{
    /// <summary>The header conversations.js sets: answer with the next statement's fragment, not the page.</summary>
    public const string FragmentHeader = "X-Answerback-Fragment";

    public ConversationPage View { get; private set; } = null!;

    [BindProperty]
    public string? Text { get; set; }

    /// <summary>Near-duplicates to confirm against before the statement is added.</summary>
    public IReadOnlyList<SimilarStatement> Similar { get; private set; } = [];

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
        => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostVoteAsync(Guid id, Guid statementId, string? vote, CancellationToken ct)
    {
        if (!current.IsSignedIn)
        {
            return Challenge();
        }

        var value = vote switch { "agree" => 1, "disagree" => -1, "pass" => 0, _ => 2 };
        var result = await cast.RunAsync(id, statementId, current.Id, value, ct);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        if (Request.Headers.ContainsKey(FragmentHeader))
        {
            // The script replaces only the "your turn" panel: build just that, not the whole page.
            if (await queries.VotePanelAsync(id, current.Id, result.Succeeded, ct) is not { } panel)
            {
                return NotFound();
            }

            View = panel;
            return Partial("_NextStatement", this);
        }

        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAddAsync(Guid id, bool confirmed, CancellationToken ct)
    {
        if (!current.IsSignedIn)
        {
            return Challenge();
        }

        var result = await add.RunAsync(id, current.Id, Text ?? "", confirmed, ct);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result, ("text", nameof(Text)));
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        else if (result.Value.NeedsConfirmation)
        {
            Similar = result.Value.Similar;
        }
        else
        {
            Notice = result.Value.HeldForReview
                ? "Thank you: your statement is waiting for a moderator, then others can vote on it."
                : "Thank you: your statement is added and others can vote on it.";
            Text = null;
        }

        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    /// <summary>A moderator approves a held statement (hiding goes through the Moderation pages, which ask for the reason).</summary>
    public async Task<IActionResult> OnPostApproveAsync(Guid id, Guid statementId, CancellationToken ct)
    {
        if (!current.IsSignedIn)
        {
            return Challenge();
        }

        var result = await review.ApproveAsync(statementId, current.Id, ct);
        if (!result.Succeeded)
        {
            return Forbid();
        }

        Notice = "The statement is published.";
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var view = await queries.PageAsync(id, current.IsSignedIn ? current.Id : null, ct);
        if (view is null)
        {
            return false;
        }

        View = view;
        return true;
    }
}
