using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Answerback.Web.Tests.Accounts;

/// <summary>Who the provider says signed in at its authorization endpoint (the test chooses).</summary>
public sealed record ProviderUser(string Subject, string? Email, bool EmailVerified, string Name = "Pat Provider");

/// <summary>
/// A real OpenID Connect provider on 127.0.0.1: OpenIddict's server (authorization code flow with
/// PKCE, its clients in an in-memory SQLite database) in a Kestrel host started by the test. There
/// is no login form: the authorization endpoint signs in <see cref="NextUser"/>, as if that person
/// had just signed in there. Two clients, one per Answerback provider name, for the mix-up tests.
/// </summary>
public sealed partial class TestOidcProvider : IAsyncDisposable
{
    public const string ClientSecret = "provider-test-secret";

    private readonly WebApplication app;
    private readonly SqliteConnection connection;

    private TestOidcProvider(WebApplication app, SqliteConnection connection, Uri authority)
    {
        this.app = app;
        this.connection = connection;
        Authority = authority;
    }

    public Uri Authority { get; }

    /// <summary>The person the next authorization request signs in.</summary>
    public ProviderUser NextUser { get; set; } = new("nobody", null, false);

    /// <summary>Answerback's configuration for two providers on this server: "party" and "other".</summary>
    public IReadOnlyDictionary<string, string?> AnswerbackSettings => new Dictionary<string, string?>
    {
        ["Authentication:OpenIdConnect:Providers:party:Authority"] = Authority.ToString(),
        ["Authentication:OpenIdConnect:Providers:party:ClientId"] = "answerback-party",
        ["Authentication:OpenIdConnect:Providers:party:ClientSecret"] = ClientSecret,
        ["Authentication:OpenIdConnect:Providers:party:DisplayName"] = "Party ID",
        ["Authentication:OpenIdConnect:Providers:other:Authority"] = Authority.ToString(),
        ["Authentication:OpenIdConnect:Providers:other:ClientId"] = "answerback-other",
        ["Authentication:OpenIdConnect:Providers:other:ClientSecret"] = ClientSecret,
        ["Authentication:OpenIdConnect:Providers:other:DisplayName"] = "Other ID",
    };

    public static async Task<TestOidcProvider> StartAsync(Uri answerback)
    {
        var port = FreePort();
        var authority = new Uri("http://127.0.0.1:" + port.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/");
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseKestrel().UseUrls(authority.ToString());
        builder.Logging.ClearProviders();
        builder.Services.AddDbContext<ProviderDatabase>(options =>
        {
            options.UseSqlite(connection);
            options.UseOpenIddict();
        });
        builder.Services.AddOpenIddict()
            .AddCore(options => options.UseEntityFrameworkCore().UseDbContext<ProviderDatabase>())
            .AddServer(options =>
            {
                options.SetIssuer(authority);
                options.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                options.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email);
                options.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                options.DisableAccessTokenEncryption();
                options.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
            });
        var app = builder.Build();
        var provider = new TestOidcProvider(app, connection, authority);
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], (HttpContext context) => provider.Authorize(context));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            // The provider's own tables (OpenIddict's), not Answerback's schema: created directly.
            await scope.ServiceProvider.GetRequiredService<ProviderDatabase>().Database.EnsureCreatedAsync();
            var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            foreach (var name in new[] { "party", "other" })
            {
                await applications.CreateAsync(new OpenIddictApplicationDescriptor
                {
                    ClientId = "answerback-" + name,
                    ClientSecret = ClientSecret,
                    ClientType = ClientTypes.Confidential,
                    ConsentType = ConsentTypes.Implicit,
                    RedirectUris = { new Uri(answerback, "/signin-oidc-" + name) },
                    Permissions =
                    {
                        Permissions.Endpoints.Authorization,
                        Permissions.Endpoints.Token,
                        Permissions.GrantTypes.AuthorizationCode,
                        Permissions.ResponseTypes.Code,
                        Permissions.Scopes.Email,
                        Permissions.Scopes.Profile,
                    },
                    Requirements = { Requirements.Features.ProofKeyForCodeExchange },
                });
            }
        }

        await app.StartAsync();
        return provider;
    }

    private IResult Authorize(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var user = NextUser;
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, user.Subject));
        identity.AddClaim(new Claim(Claims.Name, user.Name));
        if (user.Email is not null)
        {
            identity.AddClaim(new Claim(Claims.Email, user.Email));
            identity.AddClaim(new Claim(Claims.EmailVerified, user.EmailVerified ? "true" : "false", ClaimValueTypes.Boolean));
        }

        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// Plays the browser at the provider: follows Answerback's redirect to the authorization endpoint
    /// (after <paramref name="tamperRequest"/> may change it) and returns the form the provider's
    /// page would post back (form_post): its action and fields.
    /// </summary>
    public async Task<ProviderAnswer> AuthorizeAsync(string location, Func<string, string>? tamperRequest = null)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var response = await browser.GetAsync(new Uri(tamperRequest is null ? location : tamperRequest(location)));
        var html = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The provider answered {response.StatusCode}: {html}");
        }

        var action = FormAction().Match(html);
        Assert.True(action.Success, "The provider's answer is not a form_post page: " + html);
        var fields = HiddenField().Matches(html).Select(m => new KeyValuePair<string, string>(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();
        return new ProviderAnswer(new Uri(WebUtility.HtmlDecode(action.Groups[1].Value)), fields);
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        await connection.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("<form name=\"form\" method=\"post\" action=\"([^\"]+)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenField();
}

/// <summary>What the provider's page would post back to Answerback.</summary>
public sealed record ProviderAnswer(Uri Action, IReadOnlyList<KeyValuePair<string, string>> Fields)
{
    public string Field(string name) => Fields.First(f => f.Key == name).Value;

    public ProviderAnswer With(string name, string value) => this with { Fields = [.. Fields.Select(f => f.Key == name ? new(name, value) : f)] };
}

/// <summary>The provider's own database: OpenIddict's applications, authorizations and tokens.</summary>
public sealed class ProviderDatabase(DbContextOptions<ProviderDatabase> options) : DbContext(options);
