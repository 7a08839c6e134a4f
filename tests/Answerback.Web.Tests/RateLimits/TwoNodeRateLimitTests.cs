using System.Net;
using Answerback.Web.Tests.Infrastructure;

namespace Answerback.Web.Tests.RateLimits;

/// <summary>
/// The rate limits with two web nodes on one PostgreSQL database, a client alternating between them
/// as a round-robin balancer would send it: the permits are for the site, not for each node (with
/// per-node counters every post below would have been allowed).
/// </summary>
public sealed class TwoNodeRateLimitTests
{
    private static WebSession Session(WebNode node)
        => new(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = node.Address, Timeout = TimeSpan.FromSeconds(60) });

    [Fact]
    public async Task SignInAndWebmention_AlternatingBetweenNodes_RefusedAfterThePermitsInTotal()
    {
        await using var nodes = TwoNodes.Start(new Dictionary<string, string?>
        {
            ["RateLimiting:SignInPermitsPerMinute"] = "3",
            ["Webmentions:PerSourceHostPerMinute"] = "3",
        });
        var ct = TestContext.Current.CancellationToken;
        using var onA = Session(nodes.A);
        using var onB = Session(nodes.B);

        var signIns = new List<HttpStatusCode>();
        Page? refused = null;
        for (var i = 0; i < 6; i++)
        {
            var page = await (i % 2 == 0 ? onA : onB).PostFormAsync("/accounts/sign-in", [new("Input.Email", "someone@example.org"), new("Input.Password", "not-the-password")]);
            signIns.Add(page.Status);
            refused = page.Status == HttpStatusCode.TooManyRequests ? page : refused;
        }

        var mentions = new List<HttpStatusCode>();
        var target = $"http://127.0.0.1/conversations/{Guid.NewGuid()}";
        for (var i = 0; i < 6; i++)
        {
            using var content = new FormUrlEncodedContent([new("source", $"https://flood.example/post/{i}"), new("target", target)]);
            mentions.Add((await (i % 2 == 0 ? onA : onB).Client.PostAsync(new Uri("/webmention", UriKind.Relative), content, ct)).StatusCode);
        }

        // A, B, A are allowed; B, A, B are refused (per node each would have had three).
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], signIns);
        Assert.Contains("Too many attempts", refused!.Html, StringComparison.Ordinal);
        Assert.InRange(int.Parse(refused.Response.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], mentions);
        // Reading the form is never limited, on either node.
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/accounts/sign-in")).Status);
    }
}
