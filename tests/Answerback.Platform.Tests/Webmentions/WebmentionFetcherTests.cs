using Answerback.Platform.Webmentions;
using Microsoft.Extensions.Options;

namespace Answerback.Platform.Tests.Webmentions;

/// <summary>The one client for other people's URLs, against a real server on 127.0.0.1 that misbehaves.</summary>
public sealed class WebmentionFetcherTests : IAsyncLifetime
{
    private TestPeer peer = null!;

    public async ValueTask InitializeAsync() => peer = await TestPeer.StartAsync();

    public async ValueTask DisposeAsync() => await peer.DisposeAsync();

    private static WebmentionFetcher Fetcher(bool allowLoopback = true) => new(
        Options.Create(new WebmentionsOptions { AllowLoopback = allowLoopback, FetchTimeout = TimeSpan.FromSeconds(2), MaxRedirects = 5 }));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_FollowsRedirectsWithinTheLimit_ReturnsTheFinalPage()
    {
        using var fetcher = Fetcher();
        var page = await fetcher.GetAsync(peer.Url("/redirect/4"), Ct);
        Assert.Equal(peer.Url("/plain"), page.Url);
        Assert.True(page.IsSuccess && page.IsHtml);
    }

    [Fact]
    public async Task Get_TooManyRedirects_Refused()
    {
        using var fetcher = Fetcher();
        var error = await Assert.ThrowsAsync<FetchRefusedException>(() => fetcher.GetAsync(peer.Url("/redirect/5"), Ct));
        Assert.Contains("redirects more than 5 times", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_RedirectLoop_RefusedAsALoop()
    {
        using var fetcher = Fetcher();
        var error = await Assert.ThrowsAsync<FetchRefusedException>(() => fetcher.GetAsync(peer.Url("/loop"), Ct));
        Assert.Contains("loop back", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_SourceThatNeverAnswers_RefusedAfterTheTimeout()
    {
        using var fetcher = Fetcher();
        var error = await Assert.ThrowsAsync<FetchRefusedException>(() => fetcher.GetAsync(peer.Url("/never"), Ct));
        Assert.Contains("did not answer within 2 seconds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_LargerThanTheLimitWithoutALength_RefusedWhileReading()
    {
        using var fetcher = Fetcher();
        var error = await Assert.ThrowsAsync<FetchRefusedException>(() => fetcher.GetAsync(peer.Url("/big"), Ct));
        Assert.Contains("larger than 1,048,576 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_LoopbackNotAllowed_RefusedByName()
    {
        using var fetcher = Fetcher(allowLoopback: false);
        var local = new Uri($"http://localhost:{peer.Address.Port}/plain");
        var error = await Assert.ThrowsAsync<FetchRefusedException>(() => fetcher.GetAsync(local, Ct));
        Assert.Contains("does not resolve to a public address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_RedirectToAPrivateAddress_Refused()
    {
        // The first hop is allowed (loopback, as in the tests); the redirect's address is checked again and refused.
        peer.Serve("/to-private", new PeerPage(302, "", "text/plain", new Dictionary<string, string> { ["Location"] = "http://10.255.255.1/" }));
        using var fetcher = Fetcher();
        var error = await Assert.ThrowsAsync<FetchRefusedException>(() => fetcher.GetAsync(peer.Url("/to-private"), Ct));
        Assert.Contains("does not resolve to a public address", error.Message, StringComparison.Ordinal);
    }
}
