using Answerback.Platform.Data;
using Answerback.Platform.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Answerback.Platform.Notifications;

/// <summary>
/// One event told to many people (a report published, a primary opened), recorded once it has been
/// told to all of them: the job that detects the event skips it from then on. A crash part-way leaves
/// no row, so the next run tells the rest (those already told are skipped by <see cref="INotify"/>'s
/// per-person event key).
/// </summary>
public class NotificationBroadcast
{
    public string EventKey { get; set; } = "";

    public DateTimeOffset CompletedAt { get; set; }

    /// <summary>How many people it was addressed to (each person's preferences then decided).</summary>
    public int Recipients { get; set; }
}

internal sealed class NotificationBroadcastConfiguration : IEntityTypeConfiguration<NotificationBroadcast>
{
    public void Configure(EntityTypeBuilder<NotificationBroadcast> builder)
    {
        builder.ToTable("NotificationBroadcasts");
        builder.HasKey(b => b.EventKey);
        builder.Property(b => b.EventKey).HasMaxLength(SentNotificationConfiguration.MaxEventKey);
    }
}

/// <summary>
/// Tells everyone concerned by one event, once: at most one node at a time per event
/// (<see cref="IJobLocks"/>), each person through <see cref="INotify"/> with the event's key (so
/// nobody hears of it twice, and preferences and opt-outs apply), then records the event as done.
/// For background jobs only: the recipients may be thousands.
/// </summary>
public sealed class NotifyMany(AnswerbackDbContext db, INotify notify, IJobLocks locks, TimeProvider time)
{
    /// <summary>The keys among <paramref name="eventKeys"/> already told to everyone.</summary>
    public async Task<IReadOnlySet<string>> DoneAsync(IReadOnlyCollection<string> eventKeys, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(eventKeys);
        if (eventKeys.Count == 0)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        return (await db.Set<NotificationBroadcast>().AsNoTracking().Where(b => eventKeys.Contains(b.EventKey)).Select(b => b.EventKey).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Notifies each recipient (<paramref name="notification"/> makes each one's, with
    /// <paramref name="eventKey"/> as its key) unless the event is done or another node is telling it
    /// now; true when this call told it.
    /// </summary>
    public async Task<bool> RunAsync(string eventKey, Func<CancellationToken, Task<IReadOnlyCollection<Guid>>> recipients, Func<Guid, Notification> notification, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        ArgumentNullException.ThrowIfNull(notification);
        await using var held = await locks.TryAcquireAsync("notify-many:" + eventKey, ct);
        if (held is null || (await DoneAsync([eventKey], ct)).Count > 0)
        {
            return false;
        }

        var people = await recipients(ct);
        foreach (var person in people)
        {
            var n = notification(person);
            if (!string.Equals(n.EventKey, eventKey, StringComparison.Ordinal) || n.PersonId != person)
            {
                throw new ArgumentException("Each notification must carry the broadcast's event key and its recipient.", nameof(notification));
            }

            await notify.NotifyAsync(n, ct);
            // The tracked rows of thousands of notifications would make each save slower than the last.
            db.ChangeTracker.Clear();
        }

        db.Set<NotificationBroadcast>().Add(new NotificationBroadcast { EventKey = eventKey, CompletedAt = time.GetUtcNow(), Recipients = people.Count });
        await db.SaveChangesAsync(ct);
        return true;
    }
}
