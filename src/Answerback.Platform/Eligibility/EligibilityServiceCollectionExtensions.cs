using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Answerback.Platform.Eligibility;

/// <summary>Registers the Eligibility capability.</summary>
public static class EligibilityServiceCollectionExtensions
{
    /// <summary>Deciding eligibility rules, and listing everyone a rule admits (for background jobs).</summary>
    public static IServiceCollection AddEligibility(this IServiceCollection services)
    {
        services.TryAddScoped<CheckEligibility>();
        services.TryAddScoped<EligiblePeople>();
        return services;
    }
}
