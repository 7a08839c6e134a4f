using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Testing;

/// <summary>
/// One web node: the whole app on a real Kestrel port over a database it shares with other nodes
/// (<see cref="TwoNodes"/>). Each node has its own container, job server, live-updates listener
/// and address, as two processes behind a load balancer would; only the database is common.
/// </summary>
public sealed class WebNode : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> settings;
    private readonly Action<IServiceCollection>? services;
    private readonly Action<IApplicationBuilder>? pipeline;
    private readonly int port = FreePort();

    public WebNode(string name, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null, Action<IApplicationBuilder>? pipeline = null)
    {
        Name = name;
        this.settings = settings;
        this.services = services;
        this.pipeline = pipeline;
        UseKestrel(port);
    }

    /// <summary>The node's name (for test messages), e.g. "A".</summary>
    public string Name { get; }

    /// <summary>The node's own address, like http://127.0.0.1:43567.</summary>
    public Uri Address => new("http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture));

    /// <summary>Starts the node (migrations run in the first node to start) and waits until it serves.</summary>
    public WebNode Start()
    {
        StartServer();
        return this;
    }

    /// <summary>A plain HTTP client to this node's port (not the in-memory test server).</summary>
    public HttpClient Http() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(s =>
        {
            if (pipeline is not null)
            {
                s.AddTransient<IStartupFilter>(_ => new PipelineFilter(pipeline));
            }

            services?.Invoke(s);
        });
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Adds a test's own middleware or endpoints in front of the app's.</summary>
    private sealed class PipelineFilter(Action<IApplicationBuilder> pipeline) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            pipeline(app);
            next(app);
        };
    }
}
