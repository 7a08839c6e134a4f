using Answerback.Platform.Areas;
using Answerback.Platform.Demo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Answerback.Platform.Conversations;

/// <summary>Registers the Conversations capability.</summary>
public static class ConversationsServiceCollectionExtensions
{
    public static IServiceCollection AddConversations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConversationsOptions>().Bind(configuration.GetSection(ConversationsOptions.Section))
            .Validate(o => o.MapDebounce >= TimeSpan.Zero && !string.IsNullOrWhiteSpace(o.ReportCron), "Conversations: MapDebounce must not be negative and ReportCron must be a cron expression.")
            .ValidateOnStart();
        services.AddMemoryCache();
        services.TryAddScoped<ConversationRules>();
        services.TryAddScoped<OpenConversation>();
        services.TryAddScoped<CastVote>();
        services.TryAddScoped<AddStatement>();
        services.TryAddScoped<ReviewStatement>();
        services.TryAddScoped<RecomputeMap>();
        services.TryAddScoped<MapViews>();
        services.TryAddScoped<PublishDueReports>();
        services.TryAddScoped<PublishResponse>();
        services.TryAddScoped<ImportPolisConversation>();
        services.TryAddScoped<ExportConversation>();
        services.TryAddScoped<ConversationQueries>();
        services.TryAddSingleton<MapRecomputeScheduler>();
        services.TryAddSingleton<IMapRecomputeTrigger>(sp => sp.GetRequiredService<MapRecomputeScheduler>());
        services.TryAddScoped<RecomputeMapJob>();
        services.TryAddScoped<StatementModeration>();
        services.TryAddScoped<ConversationAnnouncements>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<Comments.ICommentThreadOwner, ReportCommentThreads>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<Moderation.IModerationSubjects, StatementModerationSubjects>());
        services.AddScoped<IAreaActivities, ConversationAreaActivities>();
        services.AddScoped<IDemoSeed, ConversationsDemoSeed>();
        services.AddHostedService<ConversationsSchedule>();
        return services;
    }
}
