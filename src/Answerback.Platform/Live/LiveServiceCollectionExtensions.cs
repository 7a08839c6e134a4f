using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Answerback.Platform.Live;

/// <summary>Registers <see cref="ILiveUpdates"/> for the configured provider.</summary>
public static class LiveServiceCollectionExtensions
{
    /// <summary>LISTEN/NOTIFY on PostgreSQL (one listening connection per node, a hosted service); in-process on SQLite.</summary>
    public static IServiceCollection AddLive(this IServiceCollection services)
    {
        services.AddSingleton<LiveHub>();
        services.AddSingleton<PostgresLiveUpdates>();
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.IsPostgres
            ? provider.GetRequiredService<PostgresLiveUpdates>()
            : new NoListener());
        services.AddSingleton<ILiveUpdates>(provider => provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.IsPostgres
            ? provider.GetRequiredService<PostgresLiveUpdates>()
            : ActivatorUtilities.CreateInstance<InProcessLiveUpdates>(provider));
        return services;
    }

    /// <summary>SQLite needs no listening connection.</summary>
    private sealed class NoListener : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
