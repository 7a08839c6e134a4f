using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Answerback.Platform.Primaries;

/// <summary>Registers the Primaries capability.</summary>
public static class PrimariesServiceCollectionExtensions
{
    /// <summary>Setting up primaries, nominations, hustings and the read queries.</summary>
    public static IServiceCollection AddPrimaries(this IServiceCollection services)
    {
        services.TryAddScoped<PrimaryAccess>();
        services.TryAddScoped<CreatePrimary>();
        services.TryAddScoped<EditPrimary>();
        services.TryAddScoped<PublishPrimary>();
        services.TryAddScoped<PrimaryQuery>();
        return services;
    }
}
