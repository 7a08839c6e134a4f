using System.Linq.Expressions;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Answerback.Platform.Jobs;

/// <summary>
/// A recurring job a capability asks for: registered with Hangfire at start-up by
/// <see cref="RecurringJobsSchedule"/> (idempotent: every node does it, Hangfire keeps one schedule).
/// </summary>
public sealed record RecurringJobRequest(Action<IRecurringJobManager> Register);

public static class RecurringJobServiceCollectionExtensions
{
    /// <summary>Schedules <paramref name="call"/> under <paramref name="id"/> on <paramref name="cron"/> at start-up.</summary>
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services, string id, Expression<Func<TJob, Task>> call, string cron)
    {
        services.AddSingleton(new RecurringJobRequest(recurring => recurring.AddOrUpdate(id, call, cron)));
        services.AddHostedService<RecurringJobsSchedule>();
        return services;
    }
}

/// <summary>Registers every <see cref="RecurringJobRequest"/> at start-up.</summary>
public sealed class RecurringJobsSchedule(IRecurringJobManager recurring, IEnumerable<RecurringJobRequest> requests) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var request in requests)
        {
            request.Register(recurring);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
