using Answerback.Platform.Comments;
using Answerback.Platform.Demo;
using Answerback.Platform.Moderation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Answerback.Platform.Accountability;

/// <summary>Registers the Accountability capability.</summary>
public static class AccountabilityServiceCollectionExtensions
{
    /// <summary>The registry, post imports (a background job), the precomputed scorecards and their reads, residents' questions with their follow-up job and response rates.</summary>
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
        services.TryAddScoped<AskRepresentatives>();
        services.TryAddScoped<AnswerRepresentativeQuestion>();
        services.TryAddScoped<RepresentativeQuestions>();
        services.TryAddScoped<QuestionFollowUps>();
        services.TryAddSingleton<FollowUpTokens>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IModerationSubjects, RepresentativeQuestionSubjects>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<ICommentThreadOwner, AnswerCommentThreads>());
        services.AddHostedService<AccountabilitySchedule>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IDemoSeed, AccountabilityDemoSeed>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IDemoSeed, QuestionsDemoSeed>());
        return services;
    }
}
