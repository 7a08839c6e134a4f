using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Answerback.Platform.Moderation;

/// <summary>Registers the Moderation capability, shared by every capability that shows people's words.</summary>
public static class ModerationServiceCollectionExtensions
{
    /// <summary>
    /// The decisions, appeals, flags and holds, the public log and the queue. Capabilities add an
    /// <see cref="IModerationSubjects"/> for their kinds with <c>TryAddEnumerable</c>.
    /// </summary>
    public static IServiceCollection AddModeration(this IServiceCollection services)
    {
        services.TryAddScoped<ModerationSubjects>();
        services.TryAddScoped<ModeratorRoles>();
        services.TryAddScoped<ModeratorCheck>();
        services.TryAddScoped<HideContent>();
        services.TryAddScoped<HoldForReview>();
        services.TryAddScoped<ApproveContent>();
        services.TryAddScoped<FlagContent>();
        services.TryAddScoped<AppealDecision>();
        services.TryAddScoped<DecideAppeal>();
        services.TryAddScoped<ModerationStatus>();
        services.TryAddScoped<ModerationLog>();
        services.TryAddScoped<WaitingForModeration>();
        return services;
    }
}
