using System.Text;
using Answerback.Platform.Data;
using Answerback.Platform.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Notifications;

/// <summary>
/// The weekly digest (a recurring job, <c>Notifications:DigestCron</c>): for each person with waiting
/// digest items, one email listing them, queued in the same transaction that marks the items as
/// digested, so a rerun (another node, a retry) finds nothing left to send. One run at a time across
/// nodes (<see cref="IJobLocks"/>).
/// </summary>
public sealed class SendWeeklyDigest(AnswerbackDbContext db, DatabaseEmailQueue queue, NotificationLinks links, IJobLocks locks, TimeProvider time)
{
    /// <summary>The recurring job's id.</summary>
    public const string JobId = "notifications-weekly-digest";

    /// <summary>Items listed in one digest at most (the rest say "and N more").</summary>
    public const int MaxItems = 50;

    /// <summary>Queues one digest per person who has waiting items; returns how many were queued.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        await using var held = await locks.TryAcquireAsync(JobId, ct);
        if (held is null)
        {
            return 0;
        }

        var people = await db.Set<SentNotification>().Where(n => n.Delivery == NotificationDelivery.Digest && n.DigestedAt == null)
            .Select(n => n.PersonId).Distinct().ToListAsync(ct);
        var queued = 0;
        foreach (var personId in people)
        {
            queued += await DigestAsync(personId, ct) ? 1 : 0;
        }

        return queued;
    }

    private async Task<bool> DigestAsync(Guid personId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var email = await db.Users.Where(p => p.Id == personId && p.EmailConfirmed).Select(p => p.Email).SingleOrDefaultAsync(ct);
        var items = await db.Set<SentNotification>().Where(n => n.PersonId == personId && n.Delivery == NotificationDelivery.Digest && n.DigestedAt == null)
            .OrderBy(n => n.CreatedAt).ToListAsync(ct);
        // Items of kinds turned off since they arrived are dropped rather than sent.
        var off = await db.Set<NotificationPreference>().Where(p => p.PersonId == personId && !p.Enabled).Select(p => p.Kind).ToListAsync(ct);
        var now = time.GetUtcNow();
        foreach (var item in items)
        {
            item.DigestedAt = now;
        }

        var send = items.Where(i => !off.Contains(i.Kind)).ToList();
        Guid? id = email is not null && send.Count > 0 ? queue.Stage(Compose(personId, email, send)) : null;
        await db.SaveChangesAsync(ct);
        if (id is { } queuedId)
        {
            queue.Dispatch(queuedId);
        }

        return id is not null;
    }

    private EmailMessage Compose(Guid personId, string to, List<SentNotification> items)
    {
        var text = new StringBuilder().AppendLine(items.Count == 1 ? "One thing happened this week:" : $"{items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)} things happened this week:").AppendLine();
        foreach (var item in items.Take(MaxItems))
        {
            text.AppendLine("* " + item.Subject)
                .AppendLine("  " + links.Absolute(item.LinkPath));
        }

        if (items.Count > MaxItems)
        {
            text.AppendLine().AppendLine($"… and {(items.Count - MaxItems).ToString(System.Globalization.CultureInfo.InvariantCulture)} more.");
        }

        var unsubscribe = links.Unsubscribe(personId, null);
        NotificationEmails.Footer(text, links, unsubscribe, "To stop all notification emails, unsubscribe");
        var subject = items.Count == 1 ? "Your weekly digest: " + items[0].Subject : $"Your weekly digest: {items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)} updates";
        return new EmailMessage(to, subject.Length > 200 ? subject[..200] : subject, text.ToString(), null, EmailKind.Notice, unsubscribe);
    }
}
