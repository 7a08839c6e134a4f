using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Answerback.Testing;

/// <summary>What the peer answers on one path.</summary>
public sealed record PeerPage(int Status, string Body, string ContentType = "text/html; charset=utf-8", IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>
/// Another web site for the Webmention tests: a real Kestrel server on 127.0.0.1 (port 0), whose
/// pages the test sets (<see cref="Serve"/>), with fixed pages that misbehave: <c>/never</c> never
/// answers, <c>/loop</c> redirects to itself through <c>/loop-b</c>, <c>/redirect/N</c> redirects N
/// times, <c>/big</c> streams 2 MiB without a length. POSTs to <c>/endpoint</c> are recorded
/// (<see cref="Received"/>) and answered 202.
/// </summary>
public sealed class TestPeer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, PeerPage> pages = new(StringComparer.Ordinal);

    private TestPeer(WebApplication app) => this.app = app;

    public Uri Address { get; private set; } = null!;

    /// <summary>The forms POSTed to <c>/endpoint</c>, in order.</summary>
    public ConcurrentQueue<IReadOnlyDictionary<string, string>> Received { get; } = new();

    public Uri Url(string path) => new(Address, path);

    public void Serve(string path, PeerPage page) => pages[path] = page;

    public static async Task<TestPeer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "TestPeer", ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var peer = new TestPeer(app);
        app.Run(peer.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        peer.Address = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return peer;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path == "/never")
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
            return;
        }

        if (path is "/loop" or "/loop-b")
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = path == "/loop" ? "/loop-b" : "/loop";
            return;
        }

        if (path.StartsWith("/redirect/", StringComparison.Ordinal) && int.TryParse(path["/redirect/".Length..], System.Globalization.CultureInfo.InvariantCulture, out var left))
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = left > 0 ? "/redirect/" + (left - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : "/plain";
            return;
        }

        if (path == "/big")
        {
            context.Response.ContentType = "text/html";
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)'x');
            for (var i = 0; i < 32; i++)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }

            return;
        }

        if (path == "/endpoint" && HttpMethods.IsPost(context.Request.Method))
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            Received.Enqueue(form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal));
            context.Response.StatusCode = 202;
            context.Response.Headers.Location = new Uri(Address, "/status/1").AbsoluteUri;
            return;
        }

        if (!pages.TryGetValue(path, out var page))
        {
            page = path == "/plain" ? new PeerPage(200, "<!DOCTYPE html><title>Plain</title><p>plain</p>") : new PeerPage(404, "not found", "text/plain");
        }

        context.Response.StatusCode = page.Status;
        context.Response.ContentType = page.ContentType;
        foreach (var (name, value) in page.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers.Append(name, value);
        }

        await context.Response.WriteAsync(page.Body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
