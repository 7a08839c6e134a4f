using Answerback.Platform.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Answerback.Platform.RateLimits;

/// <summary>Registers the shared rate-limit counter.</summary>
public static class RateLimitsServiceCollectionExtensions
{
    /// <summary><see cref="CountAttempt"/> (the counter every limited form and endpoint uses) and the recurring clean-up of expired windows.</summary>
    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        services.TryAddScoped<CountAttempt>();
        services.TryAddScoped<DeleteExpiredRateLimitWindows>();
        services.AddRecurringJob<DeleteExpiredRateLimitWindows>(DeleteExpiredRateLimitWindows.JobId, d => d.RunAsync(CancellationToken.None), "*/15 * * * *");
        return services;
    }
}
