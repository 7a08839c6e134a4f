using Answerback.Platform.Demo;
using Answerback.Platform.Notifications;
using Answerback.Platform.Organisations;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Answerback.Web.Pages.Notifications;

/// <summary>
/// The email outbox, for a site without SMTP: administrators only, except in demo mode, where it is
/// open to everyone so that visitors can confirm the accounts they create. Even then, messages to
/// privileged accounts are hidden from everyone but administrators, and password-reset messages from
/// everyone but administrators and their recipient's own session (the rule is <see cref="OutboxView"/>'s).
/// </summary>
[AllowAnonymous]
[TwoFactorRequired]
public sealed class OutboxModel(OutboxView outbox, IOptions<DemoOptions> demo, OrganisationAccess access, CurrentPerson current) : PageModel
{
    public IReadOnlyList<OutboxMessage> Messages { get; private set; } = [];

    public OutboxMessage? Message { get; private set; }

    public bool OpenBecauseDemo => demo.Value.Enabled;

    /// <summary>True when messages to privileged accounts are left out for this viewer.</summary>
    public bool HidesPrivileged { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? id, CancellationToken ct)
    {
        var isAdministrator = current.IsSignedIn && await access.IsAdministratorAsync(current.Id, ct);
        if (!demo.Value.Enabled)
        {
            if (!current.IsSignedIn)
            {
                return Challenge();
            }

            if (!isAdministrator)
            {
                return Forbid();
            }
        }

        HidesPrivileged = !isAdministrator;
        // The signed-in person's user name is their email address (sign-up and admin create set both).
        var viewerEmail = current.IsSignedIn ? User.Identity?.Name : null;
        if (id is not null)
        {
            Message = await outbox.ReadAsync(id, isAdministrator, viewerEmail, ct);
            return Message is null ? NotFound() : Page();
        }

        Messages = await outbox.ListAsync(isAdministrator, viewerEmail, ct);
        return Page();
    }
}
