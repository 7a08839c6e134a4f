using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Answerback.Platform.Tests.Infrastructure;

/// <summary>
/// The platform's services over a fresh <see cref="TestDatabase"/>, with a fake clock; the real
/// migrations are applied through <see cref="PlatformServiceCollectionExtensions.MigrateDatabaseAsync"/>.
/// </summary>
public sealed class PlatformTestDatabase : IAsyncDisposable
{
    private readonly TestDatabase database;

    private PlatformTestDatabase(TestDatabase database, ServiceProvider services, FakeTimeProvider time)
    {
        this.database = database;
        Services = services;
        Time = time;
    }

    /// <summary>The start of every test's clock: a fixed UTC instant.</summary>
    public static readonly DateTimeOffset Start = new(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);

    public TestProvider Provider => database.Provider;

    public ServiceProvider Services { get; }

    public FakeTimeProvider Time { get; }

    public string DataFolder => database.DataFolder;

    public static async Task<PlatformTestDatabase> CreateAsync(TestProvider provider, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        var database = TestDatabase.Create(provider, "platform-tests");
        var configuration = new Dictionary<string, string?>(database.Settings, StringComparer.Ordinal);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        // Notification emails build their links from Site:PublicUrl, as in the web host.
        configuration.TryAdd("Site:PublicUrl", "https://answerback.test");
        var time = new FakeTimeProvider(Start);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        var built = new ConfigurationBuilder().AddInMemoryCollection(configuration).Build();
        services.AddSingleton<IConfiguration>(built);
        services.AddPlatform(built);
        configureServices?.Invoke(services);
        var serviceProvider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var result = new PlatformTestDatabase(database, serviceProvider, time);
        await serviceProvider.MigrateDatabaseAsync(TestContext.Current.CancellationToken);
        return result;
    }

    /// <summary>A new scope: one DbContext, like one web request.</summary>
    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    /// <summary>Runs <paramref name="action"/> with a service from a fresh scope.</summary>
    public async Task<TResult> With<TService, TResult>(Func<TService, Task<TResult>> action)
        where TService : notnull
    {
        await using var scope = Scope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await database.DisposeAsync();
    }
}

/// <summary>Base of the integration tests: a fresh, migrated database per test, for one provider.</summary>
public abstract class PlatformTest(TestProvider provider) : IAsyncLifetime
{
    private PlatformTestDatabase? database;

    protected PlatformTestDatabase Db => database ?? throw new InvalidOperationException("Not initialised.");

    protected TestProvider Provider => provider;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Extra configuration for this class's databases.</summary>
    protected virtual IDictionary<string, string?>? Settings => null;

    /// <summary>Extra services for this class's platform (e.g. a test capability's moderation subjects).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public virtual async ValueTask InitializeAsync() => database = await PlatformTestDatabase.CreateAsync(provider, Settings, ConfigureServices);

    public async ValueTask DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
