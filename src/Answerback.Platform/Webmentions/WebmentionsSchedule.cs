using Hangfire;
using Microsoft.Extensions.Hosting;

namespace Answerback.Platform.Webmentions;

/// <summary>Registers the recurring send sweep at start-up (<see cref="SendWebmention.SweepAsync"/>; idempotent: every node does it, the schedule is one).</summary>
public sealed class WebmentionsSchedule(IRecurringJobManager recurring) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<SendWebmention>(SendWebmention.SweepJobId, s => s.SweepAsync(CancellationToken.None), "*/10 * * * *");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
