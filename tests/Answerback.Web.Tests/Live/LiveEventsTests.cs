using Answerback.Platform.Live;
using Answerback.Web.Infrastructure;

namespace Answerback.Web.Tests.Live;

/// <summary>The event format and the in-process (SQLite) hub.</summary>
public sealed class LiveEventsTests
{
    [Fact]
    public void Event_MultiLineMessage_OneDataLineEach()
    {
        Assert.Equal("data: a\ndata: b\n\n", LiveEvents.Event("a\r\nb"));
    }

    [Fact]
    public async Task InProcess_Publish_ReachesSubscribersOfTheTopicOnly()
    {
        var live = new InProcessLiveUpdates(new LiveHub());
        var ct = TestContext.Current.CancellationToken;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        await using var seven = live.SubscribeAsync("c7", stop.Token).GetAsyncEnumerator(stop.Token);

        // Subscribed at the call, before the first read: this message is not missed.
        await live.PublishAsync("c8", "no", ct);
        await live.PublishAsync("c7", "yes", ct);

        Assert.True(await seven.MoveNextAsync());
        Assert.Equal("yes", seven.Current);
        await Assert.ThrowsAsync<ArgumentException>(() => live.PublishAsync("c7", new string('x', LiveHub.MaxMessageLength + 1), ct));
    }
}
