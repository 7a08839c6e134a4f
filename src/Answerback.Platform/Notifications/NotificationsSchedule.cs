using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Answerback.Platform.Notifications;

/// <summary>Registers the recurring jobs of notifications at start-up (idempotent: every node does it, the schedule is one).</summary>
public sealed class NotificationsSchedule(IRecurringJobManager recurring, IOptions<NotificationsOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<DeliverQueuedEmail>(DeliverQueuedEmail.SweepJobId, d => d.DeliverDueAsync(CancellationToken.None), Cron.Minutely());
        try
        {
            recurring.AddOrUpdate<SendWeeklyDigest>(SendWeeklyDigest.JobId, d => d.RunAsync(CancellationToken.None), options.Value.DigestCron);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException("Notifications:DigestCron must be a cron expression such as '0 7 * * 1' (Mondays 07:00 UTC): " + ex.Message, ex);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
