using Answerback.Platform.Demo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Answerback.Platform.Accountability;

/// <summary>Registers the Accountability capability.</summary>
public static class AccountabilityServiceCollectionExtensions
{
    /// <summary>The registry, post imports (a background job), the precomputed scorecards and their reads.</summary>
    public static IServiceCollection AddAccountability(this IServiceCollection services)
    {
        services.TryAddScoped<AccountabilityAccess>();
        services.TryAddScoped<ImportRepresentatives>();
        services.TryAddScoped<EditRepresentative>();
        services.TryAddScoped<QueuePostImport>();
        services.TryAddScoped<ImportPosts>();
        services.TryAddScoped<RecomputeAudit>();
        services.TryAddScoped<AccountabilityDirectory>();
        services.TryAddScoped<AccountabilityJobRunner>();
        services.TryAddScoped<IAccountabilityJobs, HangfireAccountabilityJobs>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IDemoSeed, AccountabilityDemoSeed>());
        return services;
    }
}
