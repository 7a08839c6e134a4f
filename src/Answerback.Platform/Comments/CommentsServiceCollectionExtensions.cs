using Answerback.Platform.Moderation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Answerback.Platform.Comments;

/// <summary>Registers the Comments capability.</summary>
public static class CommentsServiceCollectionExtensions
{
    /// <summary>Posting, editing, deleting and reading comments; comments as moderation subjects. Thread owners add an <see cref="ICommentThreadOwner"/>.</summary>
    public static IServiceCollection AddComments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CommentsOptions>().Bind(configuration.GetSection(CommentsOptions.Section))
            .Validate(o => o.PerMinute > 0 && o.PerHour >= o.PerMinute, "Comments: PerMinute must be positive and PerHour at least PerMinute.")
            .Validate(o => o.RepeatWindow >= TimeSpan.Zero && o.EditWindow >= TimeSpan.Zero, "Comments: RepeatWindow and EditWindow must not be negative.")
            .ValidateOnStart();
        services.TryAddScoped<CommentThreads>();
        services.TryAddScoped<PostComment>();
        services.TryAddScoped<EditComment>();
        services.TryAddScoped<DeleteComment>();
        services.TryAddScoped<CommentThreadQuery>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IModerationSubjects, CommentsModeration>());
        return services;
    }
}
