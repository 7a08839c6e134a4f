namespace Answerback.Platform.Live;

/// <summary>
/// Small messages (a version number, a tiny JSON; under 4 KB) pushed to everyone watching a topic,
/// on every web node. A hint, not a queue: a subscriber that is not connected when a message goes
/// out does not get it later, so a page re-reads the current state when it (re)connects.
/// </summary>
public interface ILiveUpdates
{
    /// <summary>Sends <paramref name="message"/> to the subscribers of <paramref name="topic"/> on every node.</summary>
    Task PublishAsync(string topic, string message, CancellationToken ct);

    /// <summary>The messages published on <paramref name="topic"/> from now on, until <paramref name="ct"/> is cancelled.</summary>
    /// <remarks>The subscription starts when this is called, not at the first <c>MoveNextAsync</c>, so nothing published in between is missed.</remarks>
    IAsyncEnumerable<string> SubscribeAsync(string topic, CancellationToken ct);
}
