using Answerback.Platform.Areas;
using Answerback.Platform.Organisations;
using Answerback.Platform.Primaries;
using Answerback.Web.Infrastructure;
using Answerback.Web.Pages.Organisations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Primaries.Manage;

/// <summary>Set up a new primary (the organisation's organisers and administrators); it starts as a draft.</summary>
[TwoFactorRequired]
public sealed class NewModel(OrganiserGate gate, CreatePrimary create, AreaDirectory areas, CurrentPerson current, TimeProvider time) : PageModel
{
    [BindProperty]
    public PrimaryInput Input { get; set; } = new();

    public Organisation Organisation { get; private set; } = null!;

    public IReadOnlyList<AreaChoice> Areas { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var check = await gate.CheckAsync(slug, "primary set-up", ct);
        if (check.Refused(out var refusal))
        {
            return refusal;
        }

        Organisation = check.Organisation;
        Areas = await areas.ChoicesAsync(ct: ct);
        // A suggested timetable: a week each for nominations and hustings, then two days of voting.
        var start = time.GetUtcNow().UtcDateTime.Date.AddDays(1).AddHours(9);
        (Input.NominationsOpen, Input.HustingsOpen, Input.VotingOpens, Input.VotingCloses) = (start, start.AddDays(7), start.AddDays(14), start.AddDays(16));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        var check = await gate.CheckAsync(slug, "primary set-up", ct);
        if (check.Refused(out var refusal))
        {
            return refusal;
        }

        Organisation = check.Organisation;
        Areas = await areas.ChoicesAsync(ct: ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await create.CreateAsync(current.Id, Organisation.Id, Input.ToDetails(), ct);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result, PrimaryInput.Keys);
            return Page();
        }

        return Redirect($"/primaries/{result.Value.Id}/manage");
    }
}
