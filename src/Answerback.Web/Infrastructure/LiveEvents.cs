using System.Text;
using Answerback.Platform.Live;

namespace Answerback.Web.Infrastructure;

/// <summary>
/// Server-sent events (<c>text/event-stream</c>) from <see cref="ILiveUpdates"/>: a page opens an
/// <c>EventSource</c> on the endpoint and gets every message of its topic as a <c>data:</c> line,
/// whichever node published it. A comment line every 20 seconds keeps proxies from closing an idle
/// stream; <c>retry</c> tells the browser to reconnect after 3 seconds (then the page re-reads its
/// state, since messages sent while it was away are not replayed).
/// </summary>
public static class LiveEvents
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(20);

    /// <summary>Maps a GET endpoint that streams the topic <paramref name="topic"/> chooses for the request (null: 404).</summary>
    public static IEndpointConventionBuilder MapLiveEvents(this IEndpointRouteBuilder endpoints, string pattern, Func<HttpContext, string?> topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return endpoints.MapLiveEvents(pattern, context => ValueTask.FromResult(topic(context)));
    }

    /// <summary>As above, for a topic that needs a look-up (e.g. whether the conversation exists and may be watched).</summary>
    public static IEndpointConventionBuilder MapLiveEvents(this IEndpointRouteBuilder endpoints, string pattern, Func<HttpContext, ValueTask<string?>> topic)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(topic);
        return endpoints.MapGet(pattern, async context =>
        {
            var name = await topic(context);
            if (name is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await StreamAsync(context, name);
        }).ExcludeFromDescription();
    }

    private static async Task StreamAsync(HttpContext context, string topic)
    {
        var ct = context.RequestAborted;
        var live = context.RequestServices.GetRequiredService<ILiveUpdates>();
        // Subscribed before the headers go out, so nothing published after the client connected is missed.
        var messages = live.SubscribeAsync(topic, ct).GetAsyncEnumerator(ct);
        try
        {
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-store";
            // nginx and similar proxies buffer responses unless told not to.
            context.Response.Headers["X-Accel-Buffering"] = "no";
            context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
            await WriteAsync(context, "retry: 3000\n\n", ct);

            var next = messages.MoveNextAsync().AsTask();
            while (!ct.IsCancellationRequested)
            {
                var finished = await Task.WhenAny(next, Task.Delay(KeepAlive, ct));
                if (finished != next)
                {
                    await WriteAsync(context, ": keep-alive\n\n", ct);
                    continue;
                }

                if (!await next)
                {
                    return;
                }

                await WriteAsync(context, Event(messages.Current), ct);
                next = messages.MoveNextAsync().AsTask();
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away.
        }
        finally
        {
            await messages.DisposeAsync();
        }
    }

    /// <summary>One event: each line of the message is its own <c>data:</c> line (the format's rule for multi-line data).</summary>
    public static string Event(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = new StringBuilder();
        foreach (var line in message.ReplaceLineEndings("\n").Split('\n'))
        {
            text.Append("data: ").Append(line).Append('\n');
        }

        return text.Append('\n').ToString();
    }

    private static async Task WriteAsync(HttpContext context, string text, CancellationToken ct)
    {
        await context.Response.WriteAsync(text, ct);
        await context.Response.Body.FlushAsync(ct);
    }
}
