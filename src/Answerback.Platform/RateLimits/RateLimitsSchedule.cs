using Hangfire;
using Microsoft.Extensions.Hosting;

namespace Answerback.Platform.RateLimits;

/// <summary>Registers the clean-up of expired windows at start-up (idempotent: every node does it, the schedule is one).</summary>
public sealed class RateLimitsSchedule(IRecurringJobManager recurring) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<DeleteExpiredRateLimitWindows>(DeleteExpiredRateLimitWindows.JobId, d => d.RunAsync(CancellationToken.None), "*/15 * * * *");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
