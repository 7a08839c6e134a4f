using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Answerback.Platform.Primaries;

/// <summary>The ballot side of Primaries (credentials, casting, the board, checkpoints and the count), registered by <see cref="PrimariesServiceCollectionExtensions.AddPrimaries"/>.</summary>
internal static class PrimaryBallotsServiceCollectionExtensions
{
    /// <summary>The use cases and queries of casting and counting (the primaries themselves come from <see cref="IBallotPapers"/>).</summary>
    public static IServiceCollection AddPrimaryBallots(this IServiceCollection services)
    {
        services.TryAddScoped<IBallotPapers, PrimaryBallotPapers>();
        services.TryAddScoped<RequestBallot>();
        services.TryAddScoped<ExportPostalCodes>();
        services.TryAddScoped<CastBallot>();
        services.TryAddScoped<BoardQuery>();
        services.TryAddScoped<CountPrimary>();
        services.TryAddScoped<PublishCheckpoints>();
        services.TryAddScoped<TurnoutQuery>();
        services.AddHostedService<PrimaryBallotsSchedule>();
        return services;
    }
}
