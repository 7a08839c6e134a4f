namespace Answerback.Web.Tests.Infrastructure;

/// <summary>
/// One app per provider for a test class, started on first use and disposed with the class, so each
/// class gets fresh databases. Test bodies take the provider as a theory argument: one body, both
/// providers; PostgreSQL skips (or fails under CI=true) when ANSWERBACK_TEST_POSTGRES is unset.
/// </summary>
public abstract class AppFixture : IAsyncDisposable
{
    private readonly Dictionary<Provider, AnswerbackApp> apps = [];
    private readonly SemaphoreSlim gate = new(1, 1);

    protected virtual bool Demo => false;

    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>Extra services for the app (e.g. a test capability's moderation subjects).</summary>
    protected virtual void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
    }

    public async Task<AnswerbackApp> AppAsync(Provider provider)
    {
        await gate.WaitAsync();
        try
        {
            if (!apps.TryGetValue(provider, out var app))
            {
                app = new AnswerbackApp(provider, Demo, Settings, ConfigureServices);
                // Starting the server runs the migrations (and the demo seed) now, not in the first request.
                _ = app.Server;
                apps[provider] = app;
            }

            return app;
        }
        finally
        {
            gate.Release();
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        foreach (var app in apps.Values)
        {
            await app.DisposeAsync();
        }

        gate.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>An app with the demo data (Cambridge, its wards, the demo organisation and people).</summary>
public sealed class DemoAppFixture : AppFixture
{
    protected override bool Demo => true;
}

/// <summary>An app as a fresh production install: no demo data, no demo panel.</summary>
public sealed class PlainAppFixture : AppFixture;

/// <summary>Both providers, for <c>[MemberData]</c>.</summary>
public static class Providers
{
    public static TheoryData<Provider> All => new(Provider.Sqlite, Provider.Postgres);
}

/// <summary>Sign-in posts limited to 3 a minute per address and account.</summary>
public sealed class TightSignInLimitFixture : AppFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["RateLimiting:SignInPermitsPerMinute"] = "3" };
}

/// <summary>Verification posts limited to 3 an hour per address and account (below the platform's 5 failures).</summary>
public sealed class TightVerificationLimitFixture : AppFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["RateLimiting:VerificationPermitsPerHour"] = "3" };
}

/// <summary>Reset posts limited to 3 an hour per address and account.</summary>
public sealed class TightResetLimitFixture : AppFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["RateLimiting:PasswordResetPermitsPerHour"] = "3" };
}

/// <summary>An app of its own for tests that move its clock far ahead.</summary>
public sealed class ClockAppFixture : AppFixture;
