using Answerback.Platform.Organisations;
using Answerback.Platform.Residency;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Answerback.Web.Infrastructure;

namespace Answerback.Web.Pages.Organisations;

/// <summary>
/// Disputed register entries of the organisation: residents who say another account holds their
/// details. The organiser issues a code and posts it to the address the register gives for the
/// elector; claims taken back by a code are listed for the moderators to review.
/// </summary>
[TwoFactorRequired]
public sealed class DisputesModel(OrganiserGate gate, ResidencyDisputes disputes) : PageModel
{
    public Organisation Organisation { get; private set; } = null!;

    public IReadOnlyList<DisputeListItem> Disputes { get; private set; } = [];

    public IssuedCode? Issued { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var check = await gate.CheckAsync(slug, "disputes", ct);
        if (check.Refused(out var refusal))
        {
            return refusal;
        }

        Organisation = check.Organisation;
        Disputes = await disputes.ForOrganisationAsync(Organisation.Id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostIssueAsync(string slug, Guid dispute, CancellationToken ct)
    {
        var check = await gate.CheckAsync(slug, "dispute code", ct);
        if (check.Refused(out var refusal))
        {
            return refusal;
        }

        Organisation = check.Organisation;
        Issued = await disputes.IssueCodeAsync(Organisation.Id, dispute, ct);
        if (Issued is null)
        {
            return NotFound();
        }

        Disputes = await disputes.ForOrganisationAsync(Organisation.Id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostReviewedAsync(string slug, Guid dispute, CancellationToken ct)
    {
        var check = await gate.CheckAsync(slug, "dispute review", ct);
        if (check.Refused(out var refusal))
        {
            return refusal;
        }

        Organisation = check.Organisation;
        await disputes.MarkReviewedAsync(Organisation.Id, dispute, ct);
        Disputes = await disputes.ForOrganisationAsync(Organisation.Id, ct);
        return Page();
    }
}
