using System.Diagnostics;
using System.Globalization;
using System.Text;
using Answerback.Platform;
using Answerback.Platform.Accountability;
using Answerback.Platform.Areas;
using Answerback.Platform.Data;
using Answerback.Platform.Organisations;
using Answerback.SocialAudit;
using Answerback.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Answerback.Benchmarks.Accountability;

/// <summary>
/// Issue 12's load: a JSON-lines file of N posts (default 1,000,000) by 100 representatives of two
/// parties in 10 wards (80 % their own posts with planted copy-paste campaigns, 20 % residents'
/// replies to them) imported into a fresh PostgreSQL database through the real job
/// (<see cref="ImportPosts.RunAsync"/>); the import (read, stage by binary COPY, commit) and the
/// recomputation are timed apart, with the peak working set. Then the real web host serves the
/// scorecard and campaign pages, each requested 200 times: p50 and p95.
/// Arguments: CONNECTION (a PostgreSQL server; a database is created and dropped) [posts].
/// </summary>
public sealed class AccountabilityScenario : IScenario
{
    public string Name => "accountability-import";

    private const int Representatives = 100;
    private const int Wards = 10;

    public int Run(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: scenario accountability-import \"Host=...;Username=...;Password=...\" [posts]");
            return 2;
        }

        var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
        return RunAsync(args[0], count).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(string server, int count)
    {
        var database = "answerback_bench_" + Guid.NewGuid().ToString("N")[..12];
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        var folder = Path.Combine(Path.GetTempPath(), database);
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "posts.jsonl");
        var clock = Stopwatch.StartNew();
        WritePosts(file, count);
        Console.WriteLine($"accountability-import: wrote {count:N0} posts ({new FileInfo(file).Length / 1e6:F0} MB) in {clock.Elapsed.TotalSeconds:F1} s");

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = typeof(WebApplicationExtensions).Assembly.GetName().Name, EnvironmentName = "Development" });
        builder.Configuration["Database:Provider"] = "Postgres";
        builder.Configuration["Database:ConnectionString"] = connection;
        builder.Configuration["Storage:DataFolder"] = folder;
        builder.Configuration["Residency:HashKey"] = Convert.ToBase64String(new byte[32]);
        builder.Configuration["Site:PublicUrl"] = "http://127.0.0.1";
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddPlatform(builder.Configuration);
        builder.Services.AddWeb(builder.Configuration);
        await using var app = builder.Build();
        try
        {
            await app.Services.MigrateDatabaseAsync();
            var (organisation, organiser, reps, parties) = await ArrangeAsync(app.Services);

            Guid importId;
            await using (var scope = app.Services.CreateAsyncScope())
            await using (var stream = File.OpenRead(file))
            {
                var queued = await scope.ServiceProvider.GetRequiredService<QueuePostImport>().QueueAsync(organisation, null, organiser, stream, "posts.jsonl");
                importId = queued.Value!.Id;
            }

            // The reference in the same run (the machine is shared): the engine alone reading the same file.
            clock.Restart();
            var read = 0L;
            await using (var reference = File.OpenRead(file))
            {
                foreach (var _ in JsonLinesFormat.Read(reference, "posts.jsonl"))
                {
                    read++;
                }
            }

            Console.WriteLine($"accountability-import: reference, the engine reading the file alone: {read:N0} posts in {clock.Elapsed.TotalSeconds:F1} s");
            GC.Collect();
            clock.Restart();
            var started = TimeProvider.System.GetUtcNow();
            await using (var scope = app.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<ImportPosts>().RunAsync(importId, CancellationToken.None);
            }

            var total = clock.Elapsed;
            var peak = Process.GetCurrentProcess().PeakWorkingSet64;
            PostImportStatus status;
            long stored;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                status = (await scope.ServiceProvider.GetRequiredService<AccountabilityDirectory>().ImportAsync(importId))!;
                stored = await scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>().Set<AuditPost>().LongCountAsync();
            }

            var import = status.FinishedAt!.Value - started;
            Console.WriteLine($"accountability-import: {status.State}, {status.PostsRead:N0} read, {status.PostsAdded:N0} added ({stored:N0} stored) {status.Error}");
            Console.WriteLine($"accountability-import: import (read, COPY, commit) {import.TotalSeconds:F1} s; recompute {(total - import).TotalSeconds:F1} s; peak working set {peak / 1e9:F2} GB");

            app.UseWeb();
            app.MapWeb();
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            await Time(http, "scorecard page", i => $"/representatives/{reps[i % reps.Count]}");
            await Time(http, "campaign page", i => $"/parties/{parties[i % parties.Count]}/campaigns");
            await Time(http, "presence page", _ => "/areas/benchtown/presence");
            await app.StopAsync();
            return status.State == PostImportState.Succeeded ? 0 : 1;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task Time(HttpClient http, string what, Func<int, string> path)
    {
        for (var i = 0; i < 10; i++)
        {
            using var warm = await http.GetAsync(new Uri(path(i), UriKind.Relative));
            if (!warm.IsSuccessStatusCode)
            {
                Console.WriteLine($"accountability-import: {what}: {path(i)} answered {(int)warm.StatusCode}; not timed");
                return;
            }
        }

        var times = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await http.GetAsync(new Uri(path(i), UriKind.Relative));
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine($"accountability-import: {what}: p50 {times[99]:F1} ms, p95 {times[189]:F1} ms, max {times[^1]:F1} ms (200 requests)");
    }

    private static async Task<(Guid Organisation, Guid Organiser, List<Guid> Reps, List<string> Parties)> ArrangeAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var areas = new StringBuilder("code,name,parent_code\nB0,Benchtown,\n");
        for (var w = 0; w < Wards; w++)
        {
            areas.Append(CultureInfo.InvariantCulture, $"B{w + 1},Ward {w + 1},B0\n");
        }

        await sp.GetRequiredService<ImportAreas>().ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(areas.ToString())), "areas.csv", true);
        var organisation = (await sp.GetRequiredService<CreateOrganisation>().CreateAsync("Bench Party", null, null)).Value!.Id;
        var registry = new StringBuilder("name,party_name,post_label,gss_code,election,twitter_username,elected\n");
        for (var r = 0; r < Representatives; r++)
        {
            registry.Append(CultureInfo.InvariantCulture, $"Person {r},{(r % 2 == 0 ? "Bench Party" : "Rival Party")},Ward {(r % Wards) + 1},B{(r % Wards) + 1},local.bench.2026-05-07,rep{r},True\n");
        }

        var report = await sp.GetRequiredService<ImportRepresentatives>().ImportAsync(organisation, new MemoryStream(Encoding.UTF8.GetBytes(registry.ToString())), "registry.csv");
        if (!report.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", report.Errors));
        }

        var db = sp.GetRequiredService<AnswerbackDbContext>();
        var reps = await db.Set<Representative>().Select(r => r.Id).ToListAsync();
        return (organisation, Guid.Empty, reps, ["bench-party", "rival-party"]);
    }

    /// <summary>80 % representatives' posts over a year (a campaign of 8 same-party accounts every 2,000 posts), 20 % residents' replies.</summary>
    private static void WritePosts(string path, int count)
    {
        var random = new Random(2026);
        var words = Enumerable.Range(0, 3000).Select(i => "w" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var start = new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var recent = new string?[Representatives];
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        var batch = new List<Post>(10_000);
        string Text() => string.Join(' ', Enumerable.Range(0, 12).Select(_ => words[random.Next(words.Length)]));
        for (var i = 0; i < count; i++)
        {
            var time = start.AddSeconds(i * (365.0 * 86400 / count));
            var rep = random.Next(Representatives);
            Post post;
            if (i % 2000 == 0 && i + 8 < count)
            {
                // A campaign: eight accounts of one party, the same text within minutes.
                var text = "Campaign " + i.ToString(CultureInfo.InvariantCulture) + " " + Text();
                for (var k = 0; k < 8 && i < count; k++, i++)
                {
                    var member = ((rep / 2 * 2) + (k * 2) + (rep % 2)) % Representatives;
                    batch.Add(Post(i, member, time.AddSeconds(k * 30), text, PostKind.Original, null, null));
                }

                i--;
                continue;
            }

            if (i % 5 == 4 && recent[rep] is { } parent)
            {
                var citizen = "citizen" + random.Next(20_000).ToString(CultureInfo.InvariantCulture);
                post = new Post
                {
                    Network = "x", Id = "p" + i.ToString(CultureInfo.InvariantCulture), AccountId = citizen, Handle = citizen, Time = time,
                    Text = "@rep" + rep.ToString(CultureInfo.InvariantCulture) + " " + Text(), Kind = PostKind.Reply,
                    ReplyToPostId = parent, ReplyToAccountId = "acc" + rep.ToString(CultureInfo.InvariantCulture), Mentions = ["rep" + rep.ToString(CultureInfo.InvariantCulture)],
                };
                recent[rep] = null;
                batch.Add(post);
            }
            else
            {
                var kind = random.Next(10) switch { 0 or 1 => PostKind.Repost, 2 => PostKind.Reply, _ => PostKind.Original };
                post = Post(i, rep, time, kind == PostKind.Repost ? "" : Text(), kind, kind == PostKind.Repost ? "r" + random.Next(50_000).ToString(CultureInfo.InvariantCulture) : null,
                    kind == PostKind.Reply ? "p" + random.Next(Math.Max(1, i)).ToString(CultureInfo.InvariantCulture) : null);
                recent[rep] = post.Id;
                batch.Add(post);
            }

            if (batch.Count >= 10_000)
            {
                JsonLinesFormat.Write(batch, stream);
                batch.Clear();
            }
        }

        JsonLinesFormat.Write(batch, stream);
    }

    private static Post Post(int i, int rep, DateTimeOffset time, string text, PostKind kind, string? repostOf, string? replyTo) => new()
    {
        Network = "x",
        Id = "p" + i.ToString(CultureInfo.InvariantCulture),
        AccountId = "acc" + rep.ToString(CultureInfo.InvariantCulture),
        Handle = "rep" + rep.ToString(CultureInfo.InvariantCulture),
        Time = time,
        Text = text,
        Kind = kind,
        RepostOfId = repostOf,
        ReplyToPostId = replyTo,
    };
}
