using Answerback.Platform.Live;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Answerback.Web.Tests.Live;

/// <summary>Live updates with two web nodes on one PostgreSQL database, read as server-sent events.</summary>
public sealed class TwoNodeLiveTests
{
    /// <summary>Each node serves <c>/test-live/{topic}</c> with MapLiveEvents, as a capability would.</summary>
    private static TwoNodes Start() => TwoNodes.Start(pipeline: (_, app) => app.Map("/test-live", branch =>
    {
        branch.UseRouting();
        branch.UseEndpoints(e => e.MapLiveEvents("/{topic}", context => context.Request.RouteValues["topic"] as string));
    }));

    [Fact]
    public async Task Publish_OnNodeA_ReachesEventStreamClientOfNodeB()
    {
        await using var nodes = Start();
        var ct = TestContext.Current.CancellationToken;
        await nodes.B.Services.GetRequiredService<PostgresLiveUpdates>().Listening.WaitAsync(TimeSpan.FromSeconds(60), ct);
        using var http = nodes.B.Http();
        await using var events = await EventStream.OpenAsync(http, "/test-live/conversation-7", ct);
        Assert.Equal("text/event-stream", events.ContentType);

        await nodes.A.Services.GetRequiredService<ILiveUpdates>().PublishAsync("conversation-7", "{\"version\":42}", ct);
        await nodes.A.Services.GetRequiredService<ILiveUpdates>().PublishAsync("conversation-8", "other topic", ct);
        await nodes.A.Services.GetRequiredService<ILiveUpdates>().PublishAsync("conversation-7", "{\"version\":43}", ct);

        Assert.Equal("{\"version\":42}", await events.NextDataAsync(ct));
        Assert.Equal("{\"version\":43}", await events.NextDataAsync(ct));
    }

    [Fact]
    public async Task Listener_ConnectionKilled_ReconnectsAndDeliversAgain()
    {
        await using var nodes = Start();
        var ct = TestContext.Current.CancellationToken;
        var liveB = nodes.B.Services.GetRequiredService<PostgresLiveUpdates>();
        await liveB.Listening.WaitAsync(TimeSpan.FromSeconds(60), ct);
        await using var subscription = liveB.SubscribeAsync("t", ct).GetAsyncEnumerator(ct);

        // The database ends every listening session (as a failover or a restart would).
        await using (var admin = new NpgsqlConnection(nodes.Database.PostgresConnectionString))
        {
            await admin.OpenAsync(ct);
            await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN %' AND pid <> pg_backend_pid()", admin);
            await kill.ExecuteNonQueryAsync(ct);
        }

        // Messages sent while it is away are lost by design; keep publishing until the new session hears one.
        var publisher = nodes.A.Services.GetRequiredService<ILiveUpdates>();
        var next = subscription.MoveNextAsync().AsTask();
        for (var i = 0; i < 120 && !next.IsCompleted; i++)
        {
            await publisher.PublishAsync("t", "after", ct);
            await Task.WhenAny(next, Task.Delay(500, ct));
        }

        Assert.True(next.IsCompleted && await next, "node B heard a message after its listening connection was killed");
        Assert.Equal("after", subscription.Current);
    }
}

/// <summary>A minimal server-sent-events reader over a real HTTP connection.</summary>
internal sealed class EventStream : IAsyncDisposable
{
    private readonly HttpResponseMessage response;
    private readonly StreamReader reader;

    private EventStream(HttpResponseMessage response, StreamReader reader)
    {
        this.response = response;
        this.reader = reader;
    }

    public string? ContentType => response.Content.Headers.ContentType?.MediaType;

    /// <summary>Opens the stream and reads up to the server's first line (the subscription exists once the response has started).</summary>
    public static async Task<EventStream> OpenAsync(HttpClient http, string path, CancellationToken ct)
    {
        var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        var first = await reader.ReadLineAsync(ct);
        Assert.StartsWith("retry:", first, StringComparison.Ordinal);
        return new EventStream(response, reader);
    }

    /// <summary>The data of the next event (comment lines skipped); fails after a minute.</summary>
    public async Task<string> NextDataAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return line["data: ".Length..];
            }
        }

        throw new InvalidOperationException("The event stream ended.");
    }

    public ValueTask DisposeAsync()
    {
        reader.Dispose();
        response.Dispose();
        return ValueTask.CompletedTask;
    }
}
