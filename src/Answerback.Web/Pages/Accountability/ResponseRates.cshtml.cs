using Answerback.Platform.Accountability;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Accountability;

/// <summary>The league table of response rates of an area's (<c>/areas/{slug}/response-rates</c>) or a party's (<c>/parties/{slug}/response-rates</c>) representatives.</summary>
[AllowAnonymous]
public sealed class ResponseRatesModel(RepresentativeQuestions questions, AccountabilityDirectory directory) : PageModel
{
    public LeagueTable League { get; private set; } = null!;

    public bool IsArea { get; private set; }

    public string Key { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string scope, string key, CancellationToken ct)
    {
        IsArea = scope == "areas";
        Key = key;
        var league = IsArea ? await questions.AreaLeagueAsync(key, directory, ct) : await questions.PartyLeagueAsync(key, directory, ct);
        if (league is null)
        {
            return NotFound();
        }

        League = league;
        return Page();
    }
}
