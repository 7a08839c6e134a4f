using System.Net;

namespace Answerback.Web.BrowserTests;

/// <summary>
/// Issue 9, finding 12: Kestrel sent <c>Server: Kestrel</c>. Only a real Kestrel (this project's
/// live app) sends the header at all, so the test lives here; it needs no browser.
/// </summary>
public sealed class ServerHeaderTests(LiveApp app) : IClassFixture<LiveApp>
{
    [Fact]
    public async Task Get_AnyPage_NoServerHeader()
    {
        using var client = new HttpClient { BaseAddress = app.Address };
        using var response = await client.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Headers.Server);
    }
}
