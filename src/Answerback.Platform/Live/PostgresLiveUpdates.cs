using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Answerback.Platform.Live;

/// <summary>
/// Live updates across nodes with PostgreSQL's LISTEN/NOTIFY: a publisher sends <c>pg_notify</c> on
/// one channel (the topic and the message in the payload); each node keeps one listening connection
/// (this hosted service), reconnecting after a failure, and hands what arrives to its own
/// subscribers. NOTIFY is delivered only when the transaction that sent it commits, and never to a
/// connection that was down at the time: messages are hints (see <see cref="ILiveUpdates"/>).
/// </summary>
public sealed class PostgresLiveUpdates(LiveHub hub, IOptions<DatabaseOptions> database, ILogger<PostgresLiveUpdates> logger) : BackgroundService, ILiveUpdates
{
    /// <summary>The one NOTIFY channel of the platform.</summary>
    public const string Channel = "answerback_live";

    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(30);

    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once this node's listening connection has been established the first time (for tests and health).</summary>
    public Task Listening => listening.Task;

    public async Task PublishAsync(string topic, string message, CancellationToken ct)
    {
        LiveHub.Check(topic, message);
        await using var connection = new NpgsqlConnection(database.Value.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT pg_notify($1, $2)", connection);
        command.Parameters.AddWithValue(Channel);
        command.Parameters.AddWithValue(topic + "\n" + message);
        await command.ExecuteNonQueryAsync(ct);
    }

    public IAsyncEnumerable<string> SubscribeAsync(string topic, CancellationToken ct) => hub.Subscribe(topic, ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Its own connection, never pooled: LISTEN belongs to the session, and the session must
                // not be handed to anyone else.
                var builder = new NpgsqlConnectionStringBuilder(database.Value.ConnectionString) { Pooling = false, KeepAlive = 30 };
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                connection.Notification += (_, e) => OnNotification(e.Payload);
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand("LISTEN " + Channel, connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                listening.TrySetResult();
                delay = TimeSpan.FromSeconds(1);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or System.IO.IOException or TimeoutException or InvalidOperationException)
            {
                logger.LogWarning(ex, "The live-updates connection failed; reconnecting in {Delay}", delay);
                try
                {
                    await Task.Delay(delay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxReconnectDelay.Ticks));
            }
        }
    }

    private void OnNotification(string payload)
    {
        var separator = payload.IndexOf('\n', StringComparison.Ordinal);
        if (separator > 0)
        {
            hub.Deliver(payload[..separator], payload[(separator + 1)..]);
        }
    }
}
