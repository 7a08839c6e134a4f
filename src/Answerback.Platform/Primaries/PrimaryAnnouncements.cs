using Answerback.Platform.Data;
using Answerback.Platform.Eligibility;
using Answerback.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Primaries;

/// <summary>
/// Tells a primary's electorate that voting has opened and, later, that the result is published
/// (the recurring job, each minute). Opening is not a stored step — it follows the clock
/// (<see cref="Primary.StateAt"/>) — so the job looks for primaries in voting that it has not yet
/// announced; <see cref="NotifyMany"/> records each announcement once it reached everyone, so a
/// rerun, a second node or a crash part-way never tells anyone twice.
/// </summary>
public sealed class PrimaryAnnouncements(AnswerbackDbContext db, NotifyMany notifyMany, EligiblePeople electorate, TimeProvider time)
{
    /// <summary>The recurring job's id.</summary>
    public const string JobId = "primaries-announcements";

    /// <summary>A result published longer ago than this is not announced any more (e.g. one published before this job existed).</summary>
    public static readonly TimeSpan ResultWindow = TimeSpan.FromDays(7);

    public static string OpenedKey(Guid primaryId) => "primary-opened:" + primaryId.ToString("N");

    public static string ResultKey(Guid primaryId) => "primary-result:" + primaryId.ToString("N");

    /// <summary>Announces what is due; returns how many announcements this run made.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var since = now - ResultWindow;
        var primaries = await db.Primaries.AsNoTracking()
            .Where(p => p.PublishedAt != null && ((p.VotingOpens <= now && p.VotingCloses > now) || (p.ResultPublishedAt != null && p.ResultPublishedAt > since)))
            .ToListAsync(ct);
        var due = new List<(Primary Primary, string Key, bool Result)>();
        foreach (var p in primaries)
        {
            switch (p.StateAt(now))
            {
                case PrimaryState.Voting:
                    due.Add((p, OpenedKey(p.Id), false));
                    break;
                case PrimaryState.ResultPublished:
                    due.Add((p, ResultKey(p.Id), true));
                    break;
            }
        }

        var done = await notifyMany.DoneAsync([.. due.Select(d => d.Key)], ct);
        var announced = 0;
        foreach (var (primary, key, result) in due.Where(d => !done.Contains(d.Key)))
        {
            var closes = primary.VotingCloses.ToString("d MMMM yyyy HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
            var notification = result
                ? (Func<Guid, Notification>)(person => new Notification(NotificationKind.PrimaryResult, person, key,
                    Notification.SubjectLine("The result of " + primary.Title + " is published"),
                    $"The count of {primary.Title} is published, with every ballot on the public board so that anyone can count it again.",
                    $"/primaries/{primary.Id}/result"))
                : person => new Notification(NotificationKind.PrimaryOpened, person, key,
                    Notification.SubjectLine("Voting has opened in " + primary.Title),
                    $"Voting has opened in {primary.Title}, and you may vote. Voting closes on {closes}.",
                    $"/primaries/{primary.Id}/vote");
            if (await notifyMany.RunAsync(key, async c => await electorate.ListAsync(primary.ElectorateRule(), c), notification, ct))
            {
                announced++;
            }
        }

        return announced;
    }
}
