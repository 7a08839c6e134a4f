using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Answerback.Platform.Live;

/// <summary>The subscribers of this node, by topic: both implementations deliver through it.</summary>
public sealed class LiveHub
{
    /// <summary>The largest message accepted (PostgreSQL's NOTIFY allows 8000 bytes with the topic).</summary>
    public const int MaxMessageLength = 4000;

    /// <summary>Messages kept per slow subscriber before the oldest are dropped (they are hints; the newest matters).</summary>
    private const int Backlog = 32;

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Channel<string>, byte>> topics = new(StringComparer.Ordinal);

    /// <summary>Registers a subscriber now and returns its messages until <paramref name="ct"/> is cancelled.</summary>
    public IAsyncEnumerable<string> Subscribe(string topic, CancellationToken ct)
    {
        Check(topic, "");
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(Backlog) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        topics.GetOrAdd(topic, _ => new()).TryAdd(channel, 0);
        // Unregistered when cancelled, even if the caller never reads.
        var registration = ct.Register(() => Remove(topic, channel));
        return Read(topic, channel, registration, ct);
    }

    /// <summary>Hands a message to this node's subscribers of the topic.</summary>
    public void Deliver(string topic, string message)
    {
        if (topics.TryGetValue(topic, out var subscribers))
        {
            foreach (var channel in subscribers.Keys)
            {
                channel.Writer.TryWrite(message);
            }
        }
    }

    /// <summary>Refuses an empty topic, a topic with a line break (the wire format's separator) and an oversized message.</summary>
    public static void Check(string topic, string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentNullException.ThrowIfNull(message);
        if (topic.Contains('\n', StringComparison.Ordinal) || topic.Length > 200)
        {
            throw new ArgumentException("A topic is one line of at most 200 characters.", nameof(topic));
        }

        if (message.Length > MaxMessageLength)
        {
            throw new ArgumentException($"A live message is at most {MaxMessageLength} characters; send a version number and let the page fetch the rest.", nameof(message));
        }
    }

    private async IAsyncEnumerable<string> Read(string topic, Channel<string> channel, CancellationTokenRegistration registration, [EnumeratorCancellation] CancellationToken ct)
    {
        try
        {
            while (await channel.Reader.WaitToReadAsync(ct))
            {
                while (channel.Reader.TryRead(out var message))
                {
                    yield return message;
                }
            }
        }
        finally
        {
            await registration.DisposeAsync();
            Remove(topic, channel);
        }
    }

    private void Remove(string topic, Channel<string> channel)
    {
        if (topics.TryGetValue(topic, out var subscribers))
        {
            subscribers.TryRemove(channel, out _);
            channel.Writer.TryComplete();
        }
    }
}
