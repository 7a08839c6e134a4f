using Answerback.Platform.Common;
using Answerback.Platform.Primaries;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Primaries;

/// <summary>
/// The ballot: a signed-in eligible person votes with their online credential; anyone else with the
/// code from their letter. Three steps, each a plain form (no JavaScript): fill in, check the summary,
/// cast; then the tracking code. The ballot form fits the method (a number per candidate, boxes, or
/// radio buttons).
/// </summary>
[AllowAnonymous]
public sealed class VoteModel(IBallotPapers papers, RequestBallot request, CastBallot cast, CurrentPerson current, TimeProvider time) : PageModel
{
    [BindProperty]
    public List<string?> Ranks { get; set; } = [];

    [BindProperty]
    public List<string?> Approved { get; set; } = [];

    [BindProperty]
    public string? Choice { get; set; }

    /// <summary>The postal code as typed (voters without an account).</summary>
    [BindProperty]
    public string? Code { get; set; }

    public BallotPaper? Paper { get; private set; }

    public BallotKind Kind { get; private set; }

    /// <summary>Why this person cannot vote now (closed, not eligible, voted), shown instead of the form.</summary>
    public string? Refusal { get; private set; }

    /// <summary>The ballot to confirm, in preference order (after "Check my ballot").</summary>
    public IReadOnlyList<string>? Summary { get; private set; }

    public CastReceipt? Receipt { get; private set; }

    public bool Online => current.IsSignedIn;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        return Page();
    }

    /// <summary>Step 2: checks the ballot and shows the summary to confirm.</summary>
    public async Task<IActionResult> OnPostReviewAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (Refusal is null)
        {
            var checkedBallot = ValidateBallot.Check(Paper!.Method, Paper.Candidates, Form);
            if (checkedBallot.Succeeded)
            {
                Summary = [.. checkedBallot.Value.Choices.Select(c => Paper.Candidates[c - 1])];
            }
            else
            {
                AddErrors(checkedBallot);
            }
        }

        return Page();
    }

    /// <summary>Step 3: casts the confirmed ballot.</summary>
    public async Task<IActionResult> OnPostCastAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (Refusal is not null)
        {
            return Page();
        }

        var voter = Online ? Voter.Online(current.Id) : Voter.Postal(Code ?? "");
        var result = await cast.CastAsync(id, voter, Form, ct);
        if (result.Succeeded)
        {
            Receipt = result.Value;
            return Page();
        }

        AddErrors(result);
        // A mistyped code is corrected on the summary step, where the code is typed.
        var checkedBallot = ValidateBallot.Check(Paper!.Method, Paper.Candidates, Form);
        Summary = checkedBallot.Succeeded ? [.. checkedBallot.Value.Choices.Select(c => Paper.Candidates[c - 1])] : null;
        return Page();
    }

    /// <summary>Back from the summary to the form, as filled in.</summary>
    public async Task<IActionResult> OnPostChangeAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    private BallotForm Form => new(Ranks, Approved, Choice);

    private void AddErrors(Result result)
    {
        var keys = Enumerable.Range(0, Paper!.Candidates.Count).Select(i => (BallotForm.RankField(i), BallotForm.RankField(i)))
            .Append((BallotForm.RanksField, BallotForm.RanksField)).Append((BallotForm.ApprovedField, BallotForm.ApprovedField))
            .Append((BallotForm.ChoiceField, BallotForm.ChoiceField)).Append((CastBallot.CredentialField, nameof(Code))).ToArray();
        ModelState.AddErrors(result, keys);
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        Paper = await papers.FindAsync(id, ct);
        if (Paper is null)
        {
            return false;
        }

        Kind = BoardBallot.KindFor(Paper.Method);
        if (CastBallot.VotingProblem(Paper, time.GetUtcNow()) is { } closed)
        {
            Refusal = closed;
        }
        else if (Online)
        {
            var ballot = await request.RequestAsync(id, current.Id, ct);
            Refusal = !ballot.Succeeded ? ballot.Errors[0].Message
                : ballot.Value.AlreadyVoted ? CastBallot.AlreadyVotedMessage
                : null;
        }

        return true;
    }
}
