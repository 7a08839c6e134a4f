using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Testing;

/// <summary>
/// Two web nodes on one PostgreSQL database (a fresh <see cref="TestDatabase"/>), each on its own
/// Kestrel port: for "runs once across nodes", "locks across nodes" and "a message published on one
/// node reaches clients of the other". Node A starts first and applies the migrations; B then joins.
/// Skips locally (fails under CI=true) without ANSWERBACK_TEST_POSTGRES.
/// </summary>
public sealed class TwoNodes : IAsyncDisposable
{
    private TwoNodes(TestDatabase database, WebNode a, WebNode b)
    {
        Database = database;
        A = a;
        B = b;
    }

    public TestDatabase Database { get; }

    public WebNode A { get; }

    public WebNode B { get; }

    /// <summary>
    /// Starts both nodes. <paramref name="settings"/> are added to the common ones (database, secrets,
    /// quick job polling); <paramref name="services"/> and <paramref name="pipeline"/> run on each node
    /// with its name ("A" or "B"). With <paramref name="together"/>, both start at the same moment on the
    /// fresh database (both apply migrations and install the job schema at once, as two nodes of a new
    /// site deployed together would); otherwise A starts first.
    /// </summary>
    public static TwoNodes Start(
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<string, IServiceCollection>? services = null,
        Action<string, IApplicationBuilder>? pipeline = null,
        bool together = false)
    {
        var database = TestDatabase.Create(TestProvider.Postgres, "two-nodes");
        var common = NodeSettings(database, settings);
        WebNode Node(string name) => new(name, common,
            services is null ? null : s => services(name, s),
            pipeline is null ? null : app => pipeline(name, app));

        if (together)
        {
            var starting = new[] { Node("A"), Node("B") };
            Parallel.ForEach(starting, node => node.Start());
            return new TwoNodes(database, starting[0], starting[1]);
        }

        var a = Node("A").Start();
        var b = Node("B").Start();
        return new TwoNodes(database, a, b);
    }

    /// <summary>
    /// The settings of a node on <paramref name="database"/>: one copy for every node, since the
    /// residency key and the key-ring certificate must agree as on two real nodes of one site; quick
    /// job polling; then <paramref name="extra"/>.
    /// </summary>
    public static Dictionary<string, string?> NodeSettings(TestDatabase database, IReadOnlyDictionary<string, string?>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        var common = new Dictionary<string, string?>(database.Settings, StringComparer.Ordinal);
        foreach (var (key, value) in TestSecrets.HostSettings())
        {
            common[key] = value;
        }

        common["Site:PublicUrl"] = "http://127.0.0.1";
        common["Demo:Enabled"] = "false";
        common["Jobs:QueuePollInterval"] = "00:00:00.250";
        common["Jobs:SchedulePollInterval"] = "00:00:01";
        common["Logging:LogLevel:Default"] = "Warning";
        common["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning";
        common["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Critical";
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            common[key] = value;
        }

        return common;
    }

    public async ValueTask DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
        await Database.DisposeAsync();
    }
}
