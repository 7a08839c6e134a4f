using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Answerback.Platform.Eligibility;

/// <summary>Registers the Eligibility capability.</summary>
public static class EligibilityServiceCollectionExtensions
{
    /// <summary>Deciding eligibility rules.</summary>
    public static IServiceCollection AddEligibility(this IServiceCollection services)
    {
        services.TryAddScoped<CheckEligibility>();
        return services;
    }
}
