using System.Net;
using Answerback.Web.Tests.Infrastructure;

namespace Answerback.Web.Tests;

/// <summary>Running more than one node, and the health check when the database is gone.</summary>
public sealed class OperationsTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SessionCookie_FromOneNode_AcceptedByAnotherNodeOnTheSameDatabase(Provider provider)
    {
        await using var first = new AnswerbackApp(provider, demo: false);
        _ = first.Server;
        var shared = new Dictionary<string, string?> { ["Storage:DataFolder"] = first.DataFolder };
        if (first.PostgresConnectionString is { } connection)
        {
            shared["Database:ConnectionString"] = connection;
        }

        await using var second = new AnswerbackApp(provider, demo: false, shared);
        await using var stranger = new AnswerbackApp(provider, demo: false);
        await first.CreatePersonAsync("node-hopper@example.org");
        using var session = first.Session();

        var signIn = await session.PostFormAsync("/accounts/sign-in", [new("Input.Email", "node-hopper@example.org"), new("Input.Password", WebSession.DefaultPassword)]);
        var cookie = signIn.Response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-answerback.session=", StringComparison.Ordinal)).Split(';')[0];

        // The data-protection keys live in the database, so the second node can read the first node's cookie.
        Assert.Equal(HttpStatusCode.OK, (await second.GetWithCookieAsync("/accounts/me", cookie)).StatusCode);
        // A node with its own database (its own keys) cannot: the cookie is not just accepted blindly.
        Assert.Equal(HttpStatusCode.Redirect, (await stranger.GetWithCookieAsync("/accounts/me", cookie)).StatusCode);
    }

    [Fact]
    public async Task Healthz_DatabaseFileDeleted_Unhealthy()
    {
        await using var app = new AnswerbackApp(Provider.Sqlite, demo: false);
        using var session = app.Session();
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/healthz")).Status);

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(Path.Combine(app.DataFolder, "answerback.db"));

        var page = await session.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.Status);
        Assert.Equal("Unhealthy", page.Html);
    }
}
