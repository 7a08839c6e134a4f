using Answerback.Platform.Jobs;
using Answerback.Platform.Moderation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Answerback.Platform.Webmentions;

/// <summary>Registers the Webmentions capability.</summary>
public static class WebmentionsServiceCollectionExtensions
{
    /// <summary>Receiving (the use case, the verification job, the read side, mentions as moderation subjects) and sending, over one safe fetcher.</summary>
    public static IServiceCollection AddWebmentions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebmentionsOptions>().Bind(configuration.GetSection(WebmentionsOptions.Section))
            .PostConfigure(o => o.PublicUrl ??= configuration["Site:PublicUrl"])
            .Validate(o => o.MaxResponseBytes > 0 && o.FetchTimeout > TimeSpan.Zero && o.MaxRedirects >= 0, "Webmentions: MaxResponseBytes and FetchTimeout must be positive, MaxRedirects not negative.")
            .Validate(o => o.PerAddressPerMinute > 0 && o.PerSourceHostPerMinute > 0 && o.SendAttempts > 0, "Webmentions: the per-minute limits and SendAttempts must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton<WebmentionFetcher>();
        services.TryAddScoped<WebmentionTargets>();
        services.TryAddScoped<ReceiveWebmention>();
        services.TryAddScoped<VerifyWebmention>();
        services.TryAddScoped<WebmentionQueries>();
        services.TryAddScoped<SendWebmentions>();
        services.TryAddScoped<SendWebmention>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IModerationSubjects, WebmentionsModeration>());
        services.AddRecurringJob<SendWebmention>(SendWebmention.SweepJobId, s => s.SweepAsync(CancellationToken.None), "*/10 * * * *");
        return services;
    }
}
