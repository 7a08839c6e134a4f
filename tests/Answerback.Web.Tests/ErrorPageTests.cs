using System.Net;
using Answerback.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Web.Tests;

/// <summary>An unhandled exception outside Development: the friendly page, never a stack trace.</summary>
public sealed class ErrorPageTests
{
    [Fact]
    public async Task Get_PageThrows_FriendlyErrorWithoutStackTrace()
    {
        await using var app = new ThrowingApp();
        using var session = app.Session();

        var page = await session.GetAsync("/boom");

        Assert.Equal(HttpStatusCode.InternalServerError, page.Status);
        Assert.Contains("Sorry, something went wrong", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("secret detail", page.Html, StringComparison.Ordinal);
    }

    /// <summary>The app with one extra endpoint, reached after the app's own pipeline, that throws.</summary>
    private sealed class ThrowingApp() : AnswerbackApp(Provider.Sqlite, demo: false)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, ThrowFilter>());
        }
    }

    private sealed class ThrowFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            // Runs only when no page matched: /boom is not a page.
            app.Run(context => context.Request.Path == "/boom"
                ? throw new InvalidOperationException("secret detail")
                : Task.CompletedTask);
        };
    }
}
