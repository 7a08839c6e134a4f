using Answerback.Platform.Accounts;
using Answerback.Platform.Data;
using Answerback.Platform.Demo;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Answerback.Platform.Notifications;

/// <summary>
/// The outbox as a viewer may see it. Administrators see every message. Anyone else (the demo's
/// open outbox) sees a message only when none of its recipients is a privileged account (the
/// Administrator role or any organisation role), apart from the seeded demo people, who are meant
/// to be shared: otherwise anyone could ask for an administrator's password reset and read the link.
/// A recipient list that cannot be read is hidden (fail closed). Password-reset messages are shown
/// only to administrators and to their recipient's own session: on a demo anyone could otherwise ask
/// for a visitor's reset and read the link.
/// </summary>
public sealed class OutboxView(Outbox outbox, AnswerbackDbContext db)
{
    /// <summary>The messages this viewer may see, newest first; <c>viewerEmail</c> is the signed-in viewer's address (their user name), or null.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> ListAsync(bool viewerIsAdministrator, string? viewerEmail, CancellationToken ct = default)
    {
        var visible = await VisibleAsync(viewerIsAdministrator, viewerEmail, ct);
        return [.. (await outbox.ListAsync(ct)).Where(visible)];
    }

    /// <summary>The message with this id when the viewer may see it; null otherwise (the same answer as for no such message).</summary>
    public async Task<OutboxMessage?> ReadAsync(string id, bool viewerIsAdministrator, string? viewerEmail, CancellationToken ct = default)
    {
        var message = await outbox.ReadAsync(id, ct);
        return message is not null && (await VisibleAsync(viewerIsAdministrator, viewerEmail, ct))(message) ? message : null;
    }

    private async Task<Func<OutboxMessage, bool>> VisibleAsync(bool viewerIsAdministrator, string? viewerEmail, CancellationToken ct)
    {
        if (viewerIsAdministrator)
        {
            return _ => true;
        }

        var privilegedIds = db.UserRoles.Where(r => r.RoleId == Roles.AdministratorRoleId).Select(r => r.UserId)
            .Union(db.OrganisationRoles.Select(r => r.PersonId));
        var emails = await db.Users.Where(u => privilegedIds.Contains(u.Id) && u.Email != null).Select(u => u.Email!).ToListAsync(ct);
        var demoPeople = DemoData.People.Select(p => p.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var privileged = emails.Where(e => !demoPeople.Contains(e)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return message =>
            InternetAddressList.TryParse(message.To, out var recipients)
            && recipients.Mailboxes.Any()
            && !recipients.Mailboxes.Any(m => privileged.Contains(m.Address))
            && (message.Kind != EmailKind.PasswordReset
                || (viewerEmail is not null && recipients.Mailboxes.All(m => string.Equals(m.Address, viewerEmail, StringComparison.OrdinalIgnoreCase))));
    }
}
