using Hangfire;
using Microsoft.Extensions.Hosting;

namespace Answerback.Platform.Primaries;

/// <summary>
/// The recurring jobs of voting, registered at start-up (idempotent: every node does it, Hangfire
/// keeps one schedule): a checkpoint of every board in voting every 5 minutes (so at least one every
/// 10), the count of every primary whose voting has closed, each minute, the announcements to
/// the electorate (voting opened, result published), each minute, and the board appender
/// (<see cref="AppendToBoard.RunAsync"/>) each minute, each run lasting a little longer than a minute
/// so that one is always holding its lock. The appender is also enqueued at start-up, so a node that
/// starts (or restarts after a crash) appends waiting ballots at once instead of at the next minute;
/// its lock keeps it to one across nodes.
/// </summary>
public sealed class PrimaryBallotsSchedule(IRecurringJobManager recurring, IBackgroundJobClient jobs) : IHostedService
{
    public const string CheckpointsJobId = "primaries-checkpoints";

    public const string CountJobId = "primaries-count";

    public const string AppendJobId = "primaries-board-append";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<PublishCheckpoints>(CheckpointsJobId, p => p.RunAsync(CancellationToken.None), "*/5 * * * *");
        recurring.AddOrUpdate<CountPrimary>(CountJobId, c => c.RunDueAsync(CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<PrimaryAnnouncements>(PrimaryAnnouncements.JobId, a => a.RunAsync(CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<AppendToBoard>(AppendJobId, a => a.RunAsync(CancellationToken.None), Cron.Minutely());
        jobs.Enqueue<AppendToBoard>(a => a.RunAsync(CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
