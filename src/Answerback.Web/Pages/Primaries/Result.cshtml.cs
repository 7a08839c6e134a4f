using Answerback.Platform.Primaries;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Primaries;

/// <summary>The published result: who was elected, the stage table from the engine's report, the transfers chart, turnout.</summary>
[AllowAnonymous]
public sealed class ResultModel(IBallotPapers papers, BoardQuery board, TurnoutQuery turnout) : PageModel
{
    public BallotPaper? Paper { get; private set; }

    /// <summary>Null before the count.</summary>
    public ResultView? Result { get; private set; }

    public Turnout? Turnout { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Paper = await papers.FindAsync(id, ct);
        if (Paper is null)
        {
            return NotFound();
        }

        if (await board.ResultJsonAsync(id, ct) is { } report)
        {
            Result = ResultView.From(report);
            Turnout = await turnout.TurnoutAsync(id, ct);
        }

        return Page();
    }
}
