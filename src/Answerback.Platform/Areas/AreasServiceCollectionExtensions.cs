using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Answerback.Platform.Areas;

/// <summary>Registers the Areas capability.</summary>
public static class AreasServiceCollectionExtensions
{
    /// <summary>Creating and importing areas, and the area directory the pages read.</summary>
    public static IServiceCollection AddAreas(this IServiceCollection services)
    {
        services.TryAddScoped<ImportAreas>();
        services.TryAddScoped<CreateArea>();
        services.TryAddScoped<AreaDirectory>();
        return services;
    }
}
