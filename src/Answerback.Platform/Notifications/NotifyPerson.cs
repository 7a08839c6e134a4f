using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Notifications;

/// <summary>
/// <see cref="INotify"/>: records the notification once per (person, event) — a unique index, so
/// two nodes notifying at the same moment still make one row — and, in the same transaction, queues
/// the email when the person wants it at once. Digest items wait for the weekly job.
/// </summary>
public sealed class NotifyPerson(AnswerbackDbContext db, DatabaseEmailQueue queue, NotificationLinks links, TimeProvider time) : INotify
{
    public async Task NotifyAsync(Notification n, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(n);
        Check(n);
        if (await AlreadyAsync(n, ct))
        {
            return;
        }

        var person = await db.Users.AsNoTracking().Where(p => p.Id == n.PersonId)
            .Select(p => new { p.Email, p.EmailConfirmed }).SingleOrDefaultAsync(ct)
            ?? throw new ArgumentException("No person with id " + n.PersonId.ToString() + ".", nameof(n));
        var preference = await db.Set<NotificationPreference>().AsNoTracking()
            .SingleOrDefaultAsync(p => p.PersonId == n.PersonId && p.Kind == n.Kind, ct);
        var delivery = preference is { Enabled: false } || !person.EmailConfirmed || string.IsNullOrEmpty(person.Email)
            ? NotificationDelivery.Off
            : preference is { WeeklyDigest: true } ? NotificationDelivery.Digest : NotificationDelivery.Immediate;

        db.Set<SentNotification>().Add(new SentNotification
        {
            Id = Guid.NewGuid(),
            PersonId = n.PersonId,
            EventKey = n.EventKey,
            Kind = n.Kind,
            Subject = n.Subject,
            Text = n.Text,
            LinkPath = n.LinkPath,
            CreatedAt = time.GetUtcNow(),
            Delivery = delivery,
        });
        Guid? emailId = delivery == NotificationDelivery.Immediate
            ? queue.Stage(NotificationEmails.Immediate(n, person.Email!, links))
            : null;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            if (await ConflictAsync(n, ct))
            {
                return; // another request or node recorded the same event first: it sends, not us
            }

            throw;
        }

        if (emailId is { } id)
        {
            queue.Dispatch(id);
        }
    }

    private static void Check(Notification n)
    {
        static void Require(bool ok, string message)
        {
            if (!ok)
            {
                throw new ArgumentException(message, nameof(n));
            }
        }

        Require(!string.IsNullOrWhiteSpace(n.EventKey) && n.EventKey.Length <= SentNotificationConfiguration.MaxEventKey, "Notification.EventKey must be 1 to 200 characters.");
        Require(!string.IsNullOrWhiteSpace(n.Subject) && n.Subject.Length <= SentNotificationConfiguration.MaxSubject && !n.Subject.Contains('\n', StringComparison.Ordinal), "Notification.Subject must be one line of 1 to 200 characters.");
        Require(n.Text is not null && n.Text.Length <= SentNotificationConfiguration.MaxText, "Notification.Text must be at most 4000 characters.");
        Require(n.LinkPath is not null && n.LinkPath.StartsWith('/') && !n.LinkPath.StartsWith("//", StringComparison.Ordinal) && n.LinkPath.Length <= SentNotificationConfiguration.MaxLinkPath, "Notification.LinkPath must be a path on this site starting with a single '/'.");
        Require(Enum.IsDefined(n.Kind), "Notification.Kind is not a known kind.");
    }

    private Task<bool> AlreadyAsync(Notification n, CancellationToken ct) =>
        db.Set<SentNotification>().AnyAsync(s => s.PersonId == n.PersonId && s.EventKey == n.EventKey, ct);

    private async Task<bool> ConflictAsync(Notification n, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return await AlreadyAsync(n, ct);
    }
}
