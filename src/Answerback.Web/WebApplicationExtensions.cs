using Answerback.Platform.Data;
using Answerback.Web.Infrastructure;
using Answerback.Web.Pages.Accountability;
using Answerback.Web.Pages.Accounts;
using Answerback.Web.Pages.Conversations;
using Answerback.Web.Pages.Areas;
using Answerback.Web.Pages.Primaries;
using Answerback.Web.Pages.Webmentions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Answerback.Web;

/// <summary>
/// The web host registers itself here, so <c>Program.cs</c> reads like a table of contents:
/// Razor Pages, cookies, rate limits, health checks, security headers and error pages.
/// </summary>
public static class WebApplicationExtensions
{
    /// <summary>
    /// JSON console logs outside Development (one structured object a line, for a log collector);
    /// the readable console format in Development. Also puts the SQLite file under the content root
    /// when no data folder is configured.
    /// </summary>
    public static WebApplicationBuilder AddWebLogging(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.Environment.IsDevelopment())
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            });
        }

        if (string.IsNullOrWhiteSpace(builder.Configuration["Storage:DataFolder"]))
        {
            builder.Configuration["Storage:DataFolder"] = Path.Combine(builder.Environment.ContentRootPath, "data");
        }

        return builder;
    }

    /// <summary>Registers everything the web host adds on top of the platform.</summary>
    public static IServiceCollection AddWeb(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddSite(configuration);
        services.AddOptions<RateLimitingOptions>()
            .Bind(configuration.GetSection(RateLimitingOptions.Section))
            .Validate(o => o.SignInPermitsPerMinute > 0 && o.SignUpPermitsPerHour > 0
                && o.PasswordResetPermitsPerHour > 0 && o.VerificationPermitsPerHour > 0,
                "RateLimiting: every permit count must be positive.")
            .ValidateOnStart();

        services.AddRazorPages(options =>
        {
            // Every page needs a signed-in person unless its page model says otherwise with
            // [AllowAnonymous] (one mechanism, on the page itself; a convention test checks it).
            options.Conventions.AuthorizeFolder("/");
            // Account pages and the outbox show personal data and one-use links: never cached.
            var noStore = new NoStoreFilter();
            options.Conventions.AddFolderApplicationModelConvention("/Accounts", model => model.Filters.Add(noStore));
            options.Conventions.AddFolderApplicationModelConvention("/Notifications", model => model.Filters.Add(noStore));
            // Organisers and administrators enrol in two-factor sign-in before using their pages:
            // each such page model carries [TwoFactorRequired] (Infrastructure/TwoFactorRequiredAttribute).
        }).AddMvcOptions(options =>
        {
            options.Filters.Add<RateLimitFilter>();
            // Razor Pages already validates the antiforgery token on every POST; this makes the rule
            // explicit and independent of page conventions.
            options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
        });

        // The platform registers Identity core (users, roles, stores, tokens); the web host adds the
        // sign-in manager and the cookies.
        new IdentityBuilder(typeof(Answerback.Platform.Accounts.Person), typeof(IdentityRole<Guid>), services).AddSignInManager();
        var authentication = services.AddAuthentication(IdentityConstants.ApplicationScheme);
        authentication.AddIdentityCookies();
        services.AddExternalSignIn(configuration, authentication);
        services.AddPasskeys(configuration);
        services.AddSessions();
        services.AddAuthorization();

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });

        services.AddHttpContextAccessor();
        services.AddScoped<CurrentPerson>();
        services.AddTransient<AccountEmails>();
        // No "Server: Kestrel" header: it only helps someone looking for a known flaw.
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(options => options.AddServerHeader = false);
        services.AddScoped<Pages.Organisations.OrganiserGate>();
        // The HTTP API's document at /openapi/v1.json (each capability's Pages/<Cap>/<Cap>Api.cs).
        services.AddOpenApi();
        services.AddScoped<Pages.Accountability.PostUploads>();
        return services;
    }

    /// <summary>The request pipeline, in order.</summary>
    public static WebApplication UseWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Environment.IsDevelopment())
        {
            // A friendly page and a logged exception; never a stack trace to the user.
            app.UseExceptionHandler("/error");
            app.UseHsts();
            if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SiteOptions>>().Value.IsHttps)
            {
                app.UseHttpsRedirection();
            }
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseWebmentionDiscovery();
        app.UseStatusCodePagesWithReExecute("/status/{0}");
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>The endpoints: Razor Pages and the health check.</summary>
    public static WebApplication MapWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapRazorPages();
        Pages.Primaries.PrimaryBallotsApi.MapPrimaryBallotsApi(app);
        app.MapHealthChecks("/healthz");
        app.MapConversationsApi();
        app.MapOpenApi().AllowAnonymous();
        app.MapAreasApi();
        app.MapPrimariesApi();
        app.MapAccountabilityApi();
        app.MapWebmentions();
        return app;
    }
}
