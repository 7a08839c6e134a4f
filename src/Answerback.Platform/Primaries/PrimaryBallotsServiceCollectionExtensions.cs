using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Answerback.Platform.Primaries;

/// <summary>The ballot side of Primaries (credentials, casting, the board, checkpoints and the count), registered by <see cref="PrimariesServiceCollectionExtensions.AddPrimaries"/>.</summary>
internal static class PrimaryBallotsServiceCollectionExtensions
{
    /// <summary>The use cases and queries of casting and counting (the primaries themselves come from <see cref="IBallotPapers"/>).</summary>
    public static IServiceCollection AddPrimaryBallots(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.TryAddScoped<IBallotPapers, PrimaryBallotPapers>();
        services.TryAddScoped<RequestBallot>();
        services.TryAddScoped<ExportPostalCodes>();
        services.TryAddScoped<CastBallot>();
        services.TryAddScoped<AppendToBoard>();
        // Bound from the host's configuration when there is one (a bare service collection, as the
        // platform tests and the CLI build, has none and keeps the defaults).
        services.AddOptions<PrimariesOptions>()
            .Configure<IServiceProvider>((o, provider) => provider.GetService<IConfiguration>()?.GetSection(PrimariesOptions.Section).Bind(o))
            .Validate(o => o.BoardAppendInterval > TimeSpan.Zero && o.BoardAppendInterval <= TimeSpan.FromMinutes(1), "Primaries:BoardAppendInterval must be more than zero and at most a minute.")
            .Validate(o => o.BoardBatchMinimum >= 1, "Primaries:BoardBatchMinimum must be at least 1.")
            .Validate(o => o.BoardBatchMaxWait >= TimeSpan.Zero && o.BoardBatchMaxWait < PublishCheckpoints.MaxInterval, "Primaries:BoardBatchMaxWait must be between zero and the checkpoint interval (10 minutes).")
            .ValidateOnStart();
        services.TryAddScoped<BoardQuery>();
        services.TryAddScoped<CountPrimary>();
        services.TryAddScoped<PublishCheckpoints>();
        services.TryAddScoped<TurnoutQuery>();
        services.AddHostedService<PrimaryBallotsSchedule>();
        return services;
    }
}
