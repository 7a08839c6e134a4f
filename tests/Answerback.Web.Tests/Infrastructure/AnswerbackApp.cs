using Answerback.Platform.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Answerback.Web.Tests.Infrastructure;

/// <summary>
/// The whole web app in memory over a fresh <see cref="TestDatabase"/> (a SQLite file in a temporary
/// data folder, or a PostgreSQL database on the server of <c>ANSWERBACK_TEST_POSTGRES</c>), dropped
/// when the app is disposed. Real migrations run at start-up, as in production.
/// </summary>
public class AnswerbackApp : WebApplicationFactory<Program>
{
    private readonly TestDatabase database;
    private readonly IReadOnlyDictionary<string, string?> settings;

    public AnswerbackApp(Provider provider, bool demo, IReadOnlyDictionary<string, string?>? settings = null)
    {
        database = TestDatabase.Create(provider, "web-tests");
        Demo = demo;
        this.settings = settings ?? new Dictionary<string, string?>();
        ClientOptions.AllowAutoRedirect = false;
    }

    public string DataFolder => database.DataFolder;

    public bool Demo { get; }

    /// <summary>The app's clock; starts at the real time so that cookie expiry agrees with the client's clock.</summary>
    public FakeTimeProvider Time { get; } = new(TimeProvider.System.GetUtcNow());

    public string? PostgresConnectionString => database.PostgresConnectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // "Testing": not Development, so the friendly error page and JSON logs are what is tested.
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in database.Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Demo:Enabled", Demo ? "true" : "false");
        // Generous limits by default so that ordinary tests never meet them; the rate-limit tests lower them.
        builder.UseSetting("RateLimiting:SignInPermitsPerMinute", "1000");
        builder.UseSetting("RateLimiting:SignUpPermitsPerHour", "1000");
        builder.UseSetting("RateLimiting:PasswordResetPermitsPerHour", "1000");
        builder.UseSetting("RateLimiting:VerificationPermitsPerHour", "1000");
        // Quiet: expected failures (a refused sign-in, the database-exists probe) would flood the output.
        builder.UseSetting("Logging:LogLevel:Default", "Critical");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Critical");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Critical");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time));
    }

    /// <summary>A browser-like client: cookies kept, redirects not followed (tests check them).</summary>
    public WebSession Session() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>Creates a person with a confirmed email address and a password.</summary>
    public async Task<Person> CreatePersonAsync(string email, string password = WebSession.DefaultPassword, string? role = null)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
        var person = Person.Create(email, email.Split('@')[0], Time.GetUtcNow(), emailConfirmed: true);
        Check(await users.CreateAsync(person, password));
        if (role is not null)
        {
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole<Guid>(role)));
            }

            Check(await users.AddToRoleAsync(person, role));
        }

        return person;
    }

    /// <summary>Runs code against the app's services in a scope (arrange and assert through the database).</summary>
    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        await database.DisposeAsync();
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
