using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Answerback.Platform.Primaries;

/// <summary>Registers the Primaries capability.</summary>
public static class PrimariesServiceCollectionExtensions
{
    /// <summary>Setting up primaries, nominations, hustings, comment threads on the primary and candidate pages, announcements to the electorate, the read queries, and the ballot side (<see cref="PrimaryBallotsServiceCollectionExtensions"/>).</summary>
    public static IServiceCollection AddPrimaries(this IServiceCollection services)
    {
        services.TryAddScoped<PrimaryAccess>();
        services.TryAddScoped<CreatePrimary>();
        services.TryAddScoped<EditPrimary>();
        services.TryAddScoped<PublishPrimary>();
        services.TryAddScoped<PrimaryQuery>();
        services.TryAddScoped<Nominate>();
        services.TryAddScoped<AcceptNomination>();
        services.TryAddScoped<ApproveCandidate>();
        services.TryAddScoped<WithdrawCandidate>();
        services.TryAddScoped<EditStatement>();
        services.TryAddScoped<AskQuestion>();
        services.TryAddScoped<SupportQuestion>();
        services.TryAddScoped<AnswerQuestion>();
        services.TryAddScoped<HustingsQuery>();
        services.TryAddScoped<PrimaryAnnouncements>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<Moderation.IModerationSubjects, HustingsModerationSubjects>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<Comments.ICommentThreadOwner, PrimaryCommentThreads>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<Comments.ICommentThreadOwner, CandidateCommentThreads>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<Demo.IDemoSeed, PrimariesDemoSeed>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<Demo.IDemoSeed, FinishedPrimaryDemoSeed>());
        return services.AddPrimaryBallots();
    }
}
