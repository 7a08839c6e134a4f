using Answerback.Platform.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
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
    private readonly Action<IServiceCollection>? configureServices;

    public AnswerbackApp(Provider provider, bool demo, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        this.configureServices = configureServices;
        database = TestDatabase.Create(provider, "web-tests");
        Demo = demo;
        this.settings = settings ?? new Dictionary<string, string?>();
        ClientOptions.AllowAutoRedirect = false;
        // The site is https (as production must be): __Host- cookies and HTTPS redirection apply.
        ClientOptions.BaseAddress = BaseAddress;
    }

    /// <summary>The site's public address (<c>Site:PublicUrl</c>), where the tests' client sends its requests.</summary>
    public static readonly Uri BaseAddress = new("https://localhost");

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
        // "Testing" is not Development: a demo must say its outbox is public, and the secrets come from configuration.
        builder.UseSetting("Demo:AllowPublicOutbox", Demo ? "true" : "false");
        builder.UseSetting("Site:PublicUrl", BaseAddress.ToString());
        foreach (var (key, value) in TestSecrets.HostSettings())
        {
            builder.UseSetting(key, value);
        }

        // Generous limits by default so that ordinary tests never meet them; the rate-limit tests lower them.
        builder.UseSetting("RateLimiting:SignInPermitsPerMinute", "1000");
        builder.UseSetting("RateLimiting:SignUpPermitsPerHour", "1000");
        builder.UseSetting("RateLimiting:PasswordResetPermitsPerHour", "1000");
        builder.UseSetting("RateLimiting:VerificationPermitsPerHour", "1000");
        // Background jobs picked up quickly, so tests wait little for queued email.
        builder.UseSetting("Jobs:QueuePollInterval", "00:00:00.250");
        builder.UseSetting("Jobs:SchedulePollInterval", "00:00:01");
        // Quiet: expected failures (a refused sign-in, the database-exists probe) would flood the output.
        builder.UseSetting("Logging:LogLevel:Default", "Critical");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Critical");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Critical");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, ClientAddressFilter>();
            configureServices?.Invoke(services);
        });
    }

    /// <summary>A browser-like client: cookies kept, redirects not followed (tests check them).</summary>
    public WebSession Session() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = BaseAddress }), AuthenticatorKeyAsync);

    /// <summary>A GET with only this cookie, as someone who copied it would send it.</summary>
    public async Task<HttpResponseMessage> GetWithCookieAsync(string path, string cookie)
    {
        using var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = BaseAddress });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    /// <summary>Sends what the email queue holds now (the app's background sender may not have run yet).</summary>
    /// <remarks>A message the background sender has claimed is not sent twice: this waits until the queue is empty.</remarks>
    public async Task DeliverEmailAsync()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var left = await WithScopeAsync(async services =>
            {
                await services.GetRequiredService<Answerback.Platform.Notifications.DeliverQueuedEmail>().DeliverDueAsync();
                return await services.GetRequiredService<Answerback.Platform.Data.AnswerbackDbContext>().Set<Answerback.Platform.Notifications.QueuedEmail>().CountAsync();
            });
            if (left == 0)
            {
                return;
            }

            await Task.Delay(25);
        }

        throw new InvalidOperationException("The email queue did not empty.");
    }

    /// <summary>Turns on two-factor sign-in for the person (as the enrol page does); the tests' session signs in with codes from the key.</summary>
    public async Task EnableTwoFactorAsync(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
        var stored = (await users.FindByIdAsync(person.Id.ToString()))!;
        Check(await users.ResetAuthenticatorKeyAsync(stored));
        Check(await users.SetTwoFactorEnabledAsync(stored, true));
    }

    private async Task<string?> AuthenticatorKeyAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
        return await users.FindByEmailAsync(email) is { } person ? await users.GetAuthenticatorKeyAsync(person) : null;
    }

    /// <summary>
    /// Creates a person with a confirmed email address and a password. Administrators (and anyone
    /// with <paramref name="twoFactor"/>) get two-factor sign-in, which their pages require.
    /// </summary>
    public async Task<Person> CreatePersonAsync(string email, string password = WebSession.DefaultPassword, string? role = null, bool? twoFactor = null)
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

        if (twoFactor ?? role is not null)
        {
            await EnableTwoFactorAsync(person);
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

    /// <summary>The test server has no client address: a test sets one with the <see cref="ClientAddressHeader"/> header.</summary>
    public const string ClientAddressHeader = "X-Test-Client-Address";

    private sealed class ClientAddressFilter : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use((Microsoft.AspNetCore.Http.HttpContext context, Microsoft.AspNetCore.Http.RequestDelegate nextMiddleware) =>
            {
                if (System.Net.IPAddress.TryParse(context.Request.Headers[ClientAddressHeader].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
