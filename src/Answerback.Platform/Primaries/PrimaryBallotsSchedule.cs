using Hangfire;
using Microsoft.Extensions.Hosting;

namespace Answerback.Platform.Primaries;

/// <summary>
/// The recurring jobs of voting, registered at start-up (idempotent: every node does it, Hangfire
/// keeps one schedule): a checkpoint of every board in voting every 5 minutes (so at least one every
/// 10), the count of every primary whose voting has closed, each minute, and the announcements to
/// the electorate (voting opened, result published), each minute.
/// </summary>
public sealed class PrimaryBallotsSchedule(IRecurringJobManager recurring) : IHostedService
{
    public const string CheckpointsJobId = "primaries-checkpoints";

    public const string CountJobId = "primaries-count";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<PublishCheckpoints>(CheckpointsJobId, p => p.RunAsync(CancellationToken.None), "*/5 * * * *");
        recurring.AddOrUpdate<CountPrimary>(CountJobId, c => c.RunDueAsync(CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<PrimaryAnnouncements>(PrimaryAnnouncements.JobId, a => a.RunAsync(CancellationToken.None), Cron.Minutely());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
