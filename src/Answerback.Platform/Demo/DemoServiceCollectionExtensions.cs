using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Answerback.Platform.Demo;

/// <summary>Registers the demo.</summary>
public static class DemoServiceCollectionExtensions
{
    /// <summary>Its options (<c>Demo</c>) and the seeding.</summary>
    public static IServiceCollection AddDemo(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.Section));
        services.TryAddScoped<SeedDemo>();
        return services;
    }
}
