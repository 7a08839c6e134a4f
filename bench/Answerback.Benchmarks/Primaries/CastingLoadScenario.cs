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
/// dotnet run -c Release --project bench/Answerback.Benchmarks -- scenario casting-http [rate] [seconds] [connections] [warm-up seconds, 10]
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
        var warmUp = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10;
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
            // Under load every batch is full long before this; it only shortens the wait for the last few.
            ["Primaries:BoardBatchMaxWait"] = "00:00:05",
        };
        var root = FindRoot();
        var port = FreePort();
        var codesNeeded = rate * (warmUp + seconds) * 11 / 10;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"casting-http: target {rate}/s for {seconds} s after {warmUp} s of warm-up, {connections} connections, {codesNeeded} postal codes"));
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
            async Task<(List<CastOutcome> Outcomes, double[] Latencies, TimeSpan Elapsed)> LoadAsync(int first, int count)
            {
                var outcomes = new ConcurrentBag<CastOutcome>();
                var latencies = new double[count];
                var next = -1;
                var clock = Stopwatch.StartNew();
                await Task.WhenAll(clients.Select(c => Task.Run(async () =>
                {
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < count)
                    {
                        var due = TimeSpan.FromSeconds((double)i / rate);
                        var wait = due - clock.Elapsed;
                        if (wait > TimeSpan.Zero)
                        {
                            await Task.Delay(wait);
                        }

                        var late = clock.Elapsed - due;
                        var outcome = await CastingLoad.CastAsync(c.Client, c.Token, primary.Id, primary.Codes[first + i], i, CancellationToken.None);
                        outcome = outcome with { Latency = outcome.Latency + (late > TimeSpan.Zero ? late : TimeSpan.Zero) };
                        latencies[i] = outcome.Latency.TotalMilliseconds;
                        outcomes.Add(outcome);
                    }
                })));
                return ([.. outcomes], latencies, clock.Elapsed);
            }

            // A server just started compiles the cast path as the first casts arrive (JIT and EF's
            // query compilation, on both cores the load also needs): that start is measured apart, so
            // the figures below are the sustained rate the issue asks for, and the cold start is shown.
            var warm = await LoadAsync(0, rate * warmUp);
            if (warmUp > 0)
            {
                var sorted = warm.Latencies.Order().ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"warm-up (not in the figures below): {warm.Outcomes.Count(o => o.Acknowledged)} of {warm.Outcomes.Count} acknowledged; p50 {sorted[sorted.Count / 2]:0} ms, p99 {sorted[Math.Min(sorted.Count - 1, sorted.Count * 99 / 100)]:0} ms, max {sorted[^1]:0} ms"));
                Console.WriteLine("slow seconds of the warm-up (second: requests over 200 ms/worst ms): " + SlowSeconds(warm.Latencies, rate));
            }

            var cpuWeb = web.ProcessorTime;
            var cpuSelf = Process.GetCurrentProcess().TotalProcessorTime;
            var cpuDatabase = await DatabaseCpuAsync(connection);
            var (outcomes, latencyByRequest, elapsed) = await LoadAsync(rate * warmUp, rate * seconds);
            var webCpu = web.ProcessorTime - cpuWeb;
            var selfCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuSelf;
            var databaseCpu = await DatabaseCpuAsync(connection) - cpuDatabase;

            var ok = outcomes.Where(o => o.Acknowledged).ToList();
            var acknowledged = ok.Count + warm.Outcomes.Count(o => o.Acknowledged);
            var latencies = outcomes.Select(o => o.Latency.TotalMilliseconds).Order().ToList();
            double P(double q) => latencies[Math.Min(latencies.Count - 1, (int)(q * latencies.Count))];
            await using var db = new AnswerbackDbContext(new DbContextOptionsBuilder<AnswerbackDbContext>().UseNpgsql(connection).Options);
            // Acknowledged means stored; the appender puts the last batch on the board within seconds.
            var drain = Stopwatch.StartNew();
            var pending = 0;
            while ((pending = await db.Set<PendingBoardEntry>().CountAsync(p => p.PrimaryId == primary.Id)) > 0 && drain.Elapsed < TimeSpan.FromMinutes(2))
            {
                await Task.Delay(250);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"board caught up {drain.Elapsed.TotalSeconds:0.0} s after the last response ({pending} still pending)"));
            var ballots = await db.Set<StoredBallot>().CountAsync(b => b.PrimaryId == primary.Id);
            var used = await db.Set<PrimaryCredential>().CountAsync(c => c.PrimaryId == primary.Id && c.Used);
            var entries = await db.Set<BoardRecord>().CountAsync(e => e.PrimaryId == primary.Id);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"sent {outcomes.Count} in {elapsed.TotalSeconds:0.0} s: {ok.Count} acknowledged ({ok.Count / elapsed.TotalSeconds:0} ballots/s), {outcomes.Count - ok.Count} failed"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"latency from due time: p50 {P(0.5):0} ms, p95 {P(0.95):0} ms, p99 {P(0.99):0} ms, max {latencies[^1]:0} ms"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"reconciliation: ballots stored {ballots}, credentials used {used}, board entries {entries}, successful responses {acknowledged} (warm-up included): {(ballots == used && used == entries && entries == acknowledged ? "nothing lost" : "MISMATCH")}"));
            Console.WriteLine("slow seconds of the load (second: requests over 200 ms/worst ms): " + SlowSeconds(latencyByRequest, rate));
            var perBallot = ok.Count == 0 ? 0 : 1000 / (double)ok.Count;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"CPU during the load: web app {webCpu.TotalSeconds:0.0} s, PostgreSQL backends {databaseCpu.TotalSeconds:0.0} s, load generator {selfCpu.TotalSeconds:0.0} s; per acknowledged ballot {webCpu.TotalMilliseconds * perBallot / 1000:0.00} + {databaseCpu.TotalMilliseconds * perBallot / 1000:0.00} + {selfCpu.TotalMilliseconds * perBallot / 1000:0.00} ms"));
            foreach (var c in clients)
            {
                c.Client.Dispose();
            }

            return ballots == used && used == acknowledged ? 0 : 1;
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

    /// <summary>
    /// The seconds (by due time) with a request over 200 ms, as "second:count/worst": a tail spread
    /// evenly is queueing, one that comes in bursts at a period points to a periodic stall.
    /// </summary>
    private static string SlowSeconds(double[] latencies, int rate)
    {
        var slow = latencies.Chunk(rate).Select((second, s) => (Second: s, Count: second.Count(l => l > 200), Worst: second.Max()))
            .Where(s => s.Count > 0).Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Second}:{s.Count}/{s.Worst:0}"));
        return string.Join(' ', slow) is { Length: > 0 } text ? text : "none";
    }

    /// <summary>
    /// CPU time (user and system) of the PostgreSQL backends serving this database now, from
    /// /proc (the server runs on this machine); 0 where /proc cannot be read. Backends that end during
    /// the run are missed, so with a pool that keeps its connections the figure is a floor.
    /// </summary>
    internal static async Task<TimeSpan> DatabaseCpuAsync(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", db);
        var ticks = 0L;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            try
            {
                var stat = await File.ReadAllTextAsync($"/proc/{reader.GetInt32(0).ToString(CultureInfo.InvariantCulture)}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                // Fields 14 and 15 of stat (utime, stime), counted from field 3 after the command name.
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return TimeSpan.FromSeconds(ticks / 100.0);
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
