using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Answerback.Platform.Data;
using Answerback.Platform.Primaries;
using Answerback.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Answerback.Benchmarks.Primaries;

/// <summary>
/// Casting over HTTP on PostgreSQL (issue 10's load run): the web app as a separate process, a
/// primary with enough postal codes, then an open-loop load at a target rate for a duration, each
/// request a browser's "cast" post. Prints the achieved rate, latency percentiles and the
/// reconciliation (ballots stored = credentials used = successful responses = board entries).
/// <code>
/// dotnet run -c Release --project bench/Answerback.Benchmarks -- scenario casting-http [rate] [seconds] [connections]
/// </code>
/// PostgreSQL from ANSWERBACK_TEST_POSTGRES (a fresh database is created and dropped).
/// </summary>
public sealed class CastingLoadScenario : IScenario
{
    public string Name => "casting-http";

    public int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args)
    {
        var rate = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
        var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 60;
        var connections = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 64;
        var server = Environment.GetEnvironmentVariable("ANSWERBACK_TEST_POSTGRES") ?? throw new InvalidOperationException("Set ANSWERBACK_TEST_POSTGRES.");
        var name = "answerback_bench_" + Guid.NewGuid().ToString("N");
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 100 }.ConnectionString;
        var dataFolder = Directory.CreateTempSubdirectory("answerback-bench-").FullName;
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = connection,
            ["Storage:DataFolder"] = dataFolder,
            ["Residency:HashKey"] = TestSecrets.NewHashKey(),
            ["DataProtection:CertificatePath"] = TestSecrets.CertificatePath,
            ["Site:PublicUrl"] = "http://127.0.0.1",
            ["Demo:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Critical",
        };
        var root = FindRoot();
        var port = FreePort();
        var codesNeeded = rate * seconds * 11 / 10;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"casting-http: target {rate}/s for {seconds} s, {connections} connections, {codesNeeded} postal codes"));
        try
        {
            await using var web = await WebProcess.StartAsync(WebProcess.WebDll(root), settings, port, CancellationToken.None);
            var setup = Stopwatch.StartNew();
            var primary = await CastingLoad.SetUpAsync(settings, codesNeeded, CancellationToken.None);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"set up in {setup.Elapsed.TotalSeconds:0.0} s"));
            while (TimeProvider.System.GetUtcNow() < primary.VotingOpens.AddSeconds(1))
            {
                await Task.Delay(200);
            }

            var clients = new List<(HttpClient Client, string Token)>();
            for (var i = 0; i < connections; i++)
            {
                clients.Add(await CastingLoad.ClientAsync(web.Address, primary.Id, CancellationToken.None));
            }

            // Open loop: request i is due at i / rate seconds, whatever the server's speed, so a slow
            // server shows as latency (measured from the due time), not as a gentler load.
            var outcomes = new ConcurrentBag<CastOutcome>();
            var total = rate * seconds;
            var next = -1;
            var clock = Stopwatch.StartNew();
            var workers = clients.Select((c, w) => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < total)
                {
                    var due = TimeSpan.FromSeconds((double)i / rate);
                    var wait = due - clock.Elapsed;
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait);
                    }

                    var late = clock.Elapsed - due;
                    var outcome = await CastingLoad.CastAsync(c.Client, c.Token, primary.Id, primary.Codes[i], i, CancellationToken.None);
                    outcomes.Add(outcome with { Latency = outcome.Latency + (late > TimeSpan.Zero ? late : TimeSpan.Zero) });
                }
            })).ToList();
            await Task.WhenAll(workers);
            var elapsed = clock.Elapsed;

            var ok = outcomes.Where(o => o.Acknowledged).ToList();
            var latencies = outcomes.Select(o => o.Latency.TotalMilliseconds).Order().ToList();
            double P(double q) => latencies[Math.Min(latencies.Count - 1, (int)(q * latencies.Count))];
            await using var db = new AnswerbackDbContext(new DbContextOptionsBuilder<AnswerbackDbContext>().UseNpgsql(connection).Options);
            var ballots = await db.Set<StoredBallot>().CountAsync(b => b.PrimaryId == primary.Id);
            var used = await db.Set<PrimaryCredential>().CountAsync(c => c.PrimaryId == primary.Id && c.Used);
            var entries = await db.Set<BoardRecord>().CountAsync(e => e.PrimaryId == primary.Id);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"sent {outcomes.Count} in {elapsed.TotalSeconds:0.0} s: {ok.Count} acknowledged ({ok.Count / elapsed.TotalSeconds:0} ballots/s), {outcomes.Count - ok.Count} failed"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"latency from due time: p50 {P(0.5):0} ms, p95 {P(0.95):0} ms, p99 {P(0.99):0} ms, max {latencies[^1]:0} ms"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"reconciliation: ballots stored {ballots}, credentials used {used}, board entries {entries}, successful responses {ok.Count}: {(ballots == used && used == entries && entries == ok.Count ? "nothing lost" : "MISMATCH")}"));
            foreach (var c in clients)
            {
                c.Client.Dispose();
            }

            return ballots == used && used == ok.Count ? 0 : 1;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    internal static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Answerback.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Answerback.slnx not found.");
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
