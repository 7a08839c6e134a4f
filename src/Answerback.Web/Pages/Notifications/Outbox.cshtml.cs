using Answerback.Platform.Accounts;
using Answerback.Platform.Data;
using Answerback.Platform.Demo;
using Answerback.Platform.Notifications;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Answerback.Web.Pages.Notifications;

/// <summary>
/// The email outbox, for a site without SMTP: administrators only, except in demo mode, where it is
/// open to everyone so that visitors can confirm the accounts they create. Even then, messages to
/// privileged accounts (administrators, organisers, moderators) are hidden from everyone but
/// administrators: otherwise anyone could ask for an administrator's password reset and read the
/// link. The seeded demo people stay visible (they are meant to be shared). Password-reset messages
/// are shown only to administrators and to their recipient's own session: on a demo anyone could
/// otherwise ask for a visitor's reset and read the link.
/// </summary>
public sealed class OutboxModel(Outbox outbox, IOptions<DemoOptions> demo, CurrentPerson current, AnswerbackDbContext db) : PageModel
{
    public IReadOnlyList<OutboxMessage> Messages { get; private set; } = [];

    public OutboxMessage? Message { get; private set; }

    public bool OpenBecauseDemo => demo.Value.Enabled;

    /// <summary>True when messages to privileged accounts are left out for this viewer.</summary>
    public bool HidesPrivileged { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? id, CancellationToken ct)
    {
        if (!demo.Value.Enabled)
        {
            if (!current.IsSignedIn)
            {
                return Challenge();
            }

            if (!current.IsAdministrator)
            {
                return Forbid();
            }
        }

        HidesPrivileged = !current.IsAdministrator;
        var visible = HidesPrivileged ? await VisibleToVisitorAsync(ct) : _ => true;
        if (id is not null)
        {
            Message = await outbox.ReadAsync(id, ct);
            return Message is null || !visible(Message) ? NotFound() : Page();
        }

        Messages = [.. (await outbox.ListAsync(ct)).Where(visible)];
        return Page();
    }

    /// <summary>
    /// The one filter for viewers who are not administrators: a message is shown only when none of
    /// its recipients is an account with the Administrator role or an organisation role, apart from
    /// the seeded demo people. A recipient list that cannot be read is hidden (fail closed).
    /// </summary>
    private async Task<Func<OutboxMessage, bool>> VisibleToVisitorAsync(CancellationToken ct)
    {
        // The signed-in person's user name is their email address (sign-up and admin create set both).
        var own = current.IsSignedIn ? User.Identity?.Name : null;
        var privilegedIds = db.UserRoles.Where(r => r.RoleId == Roles.AdministratorRoleId).Select(r => r.UserId)
            .Union(db.OrganisationRoles.Select(r => r.PersonId));
        var emails = await db.Users.Where(u => privilegedIds.Contains(u.Id) && u.Email != null).Select(u => u.Email!).ToListAsync(ct);
        var demoPeople = DemoData.People.Select(p => p.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var privileged = emails.Where(e => !demoPeople.Contains(e)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return message =>
            InternetAddressList.TryParse(message.To, out var recipients)
            && recipients.Mailboxes.Any()
            && !recipients.Mailboxes.Any(m => privileged.Contains(m.Address))
            && (message.Kind != EmailKind.PasswordReset || (own is not null && recipients.Mailboxes.All(m => string.Equals(m.Address, own, StringComparison.OrdinalIgnoreCase))));
    }
}
