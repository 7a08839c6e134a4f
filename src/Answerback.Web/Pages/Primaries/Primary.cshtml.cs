using Answerback.Platform.Common;
using Answerback.Platform.Eligibility;
using Answerback.Platform.Primaries;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Primaries;

/// <summary>
/// A primary's public page: what it is, its state and timetable, its candidates and how many of the
/// most supported questions each has answered, and the public lifecycle log. A draft is only shown
/// to its organisers (404 for everyone else, so drafts cannot be found by guessing).
/// </summary>
[AllowAnonymous]
public sealed class PrimaryModel(PrimaryQuery primaries, HustingsQuery hustings, PrimaryAccess access, CheckEligibility eligibility, CurrentPerson current, TimeProvider time) : PageModel
{
    public PrimarySummary Primary { get; private set; } = null!;

    public PrimaryState State { get; private set; }

    public string DescriptionHtml { get; private set; } = "";

    public IReadOnlyList<PrimaryLogLine> Log { get; private set; } = [];

    public HustingsView Hustings { get; private set; } = null!;

    public NominationView? OwnNomination { get; private set; }

    public bool IsOrganiser { get; private set; }

    public EligibilityDecision? Eligibility { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var primary = await primaries.GetAsync(id, ct);
        Guid? viewer = current.IsSignedIn ? current.Id : null;
        IsOrganiser = primary is not null && viewer is { } person && await access.OrganiserRoleAsync(person, primary.Primary.OrganisationId, ct) is not null;
        if (primary is null || (!primary.IsPublished && !IsOrganiser))
        {
            return NotFound();
        }

        var now = time.GetUtcNow();
        Primary = primary;
        State = primary.StateAt(now);
        DescriptionHtml = MarkdownText.ToHtml(primary.Primary.Description);
        Log = await primaries.LogAsync(id, now, ct);
        Hustings = await hustings.ViewAsync(id, viewer, ct);
        if (viewer is { } signedIn)
        {
            OwnNomination = await hustings.OwnNominationAsync(id, signedIn, ct);
            Eligibility = await eligibility.CheckAsync(signedIn, primary.ElectorateRule, ct);
        }

        return Page();
    }
}
