namespace Answerback.Platform.Live;

/// <summary>Live updates for SQLite (one node): straight to this process's subscribers.</summary>
public sealed class InProcessLiveUpdates(LiveHub hub) : ILiveUpdates
{
    public Task PublishAsync(string topic, string message, CancellationToken ct)
    {
        LiveHub.Check(topic, message);
        hub.Deliver(topic, message);
        return Task.CompletedTask;
    }

    public IAsyncEnumerable<string> SubscribeAsync(string topic, CancellationToken ct) => hub.Subscribe(topic, ct);
}
