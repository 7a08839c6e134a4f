using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Answerback.Benchmarks.Primaries;
using Answerback.Platform;
using Answerback.Platform.Accounts;
using Answerback.Platform.Conversations;
using Answerback.Platform.Data;
using Answerback.Platform.Eligibility;
using Answerback.Platform.Moderation;
using Answerback.Platform.Organisations;
using Answerback.Platform.Webmentions;
using Answerback.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Answerback.Benchmarks.Webmentions;

/// <summary>
/// A flood of Webmentions while people read (issue 13): the web app as a separate process on
/// PostgreSQL, a peer site on 127.0.0.1 serving the sources, then N notifications (default 1,000)
/// spread evenly over a duration (default 60 s), each a different source linking to one
/// conversation, while a reader loads that conversation's page back to back. Prints the
/// notifications' answers and latency, the page's latency before and during the flood, and how
/// long the background checks took to verify them all.
/// <code>
/// dotnet run -c Release --project bench/Answerback.Benchmarks -- scenario webmention-flood [notifications] [seconds]
/// </code>
/// PostgreSQL from ANSWERBACK_TEST_POSTGRES (a fresh database is created and dropped). The per-address
/// and per-host limits are raised for the run (every notification comes from 127.0.0.1).
/// </summary>
public sealed class WebmentionFloodScenario : IScenario
{
    public string Name => "webmention-flood";

    public int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 60;
        var server = Environment.GetEnvironmentVariable("ANSWERBACK_TEST_POSTGRES") ?? throw new InvalidOperationException("Set ANSWERBACK_TEST_POSTGRES.");
        var name = "answerback_bench_wm_" + Guid.NewGuid().ToString("N")[..8];
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 100 }.ConnectionString;
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = connection,
            ["Storage:DataFolder"] = Directory.CreateTempSubdirectory("answerback-bench-").FullName,
            ["Residency:HashKey"] = TestSecrets.NewHashKey(),
            ["DataProtection:CertificatePath"] = TestSecrets.CertificatePath,
            ["Site:PublicUrl"] = "http://127.0.0.1",
            ["Demo:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Critical",
            ["Webmentions:AllowLoopback"] = "true",
            ["Webmentions:PerAddressPerMinute"] = "100000",
            ["Webmentions:PerSourceHostPerMinute"] = "100000",
        };
        await using var peer = await TestPeer.StartAsync();
        try
        {
            await using var web = await WebProcess.StartAsync(WebProcess.WebDll(CastingLoadScenario.FindRoot()), settings, CastingLoadScenario.FreePort(), CancellationToken.None);
            var conversation = await SeedAsync(settings);
            var page = $"/conversations/{conversation}";
            var target = "http://127.0.0.1" + page;
            for (var i = 0; i < count; i++)
            {
                peer.Serve($"/post/{i}", new PeerPage(200, $"<!DOCTYPE html><title>Post {i}</title><article class=\"h-entry\"><h1 class=\"p-name\">Post {i}</h1><a href=\"{target}\">the conversation</a></article>"));
            }

            using var reader = new HttpClient { BaseAddress = web.Address, Timeout = TimeSpan.FromSeconds(30) };
            using var sender = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 32 }) { BaseAddress = web.Address, Timeout = TimeSpan.FromSeconds(30) };
            await ReadAsync(reader, page, TimeSpan.FromSeconds(5), CancellationToken.None); // warm-up
            var before = await ReadAsync(reader, page, TimeSpan.FromSeconds(15), CancellationToken.None);

            using var flooding = new CancellationTokenSource();
            var during = ReadAsync(reader, page, Timeout.InfiniteTimeSpan, flooding.Token);
            var answers = new ConcurrentBag<(HttpStatusCode? Status, double Ms)>();
            var clock = Stopwatch.StartNew();
            // Open loop: notification i is due at i * seconds / count, whatever the server's speed.
            var sends = Enumerable.Range(0, count).Select(async i =>
            {
                var due = TimeSpan.FromSeconds((double)i * seconds / count);
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed);
                }

                try
                {
                    using var form = new FormUrlEncodedContent([new("source", peer.Url($"/post/{i}").AbsoluteUri), new("target", target)]);
                    using var response = await sender.PostAsync(new Uri("/webmention", UriKind.Relative), form);
                    answers.Add((response.StatusCode, (clock.Elapsed - due).TotalMilliseconds));
                }
                catch (HttpRequestException)
                {
                    answers.Add((null, (clock.Elapsed - due).TotalMilliseconds));
                }
            }).ToList();
            await Task.WhenAll(sends);
            var floodSeconds = clock.Elapsed.TotalSeconds;
            await flooding.CancelAsync();
            var reads = await during;

            var verified = 0;
            for (var wait = 0; wait < 600 && verified < count; wait++)
            {
                verified = await CountVerifiedAsync(settings);
                if (verified < count)
                {
                    await Task.Delay(500);
                }
            }

            var accepted = answers.Count(a => a.Status == HttpStatusCode.Accepted);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"webmention-flood: {count} notifications over {floodSeconds:0.0} s: {accepted} accepted (202), {answers.Count(a => a.Status is null)} failed to connect, others {string.Join(", ", answers.Where(a => a.Status is not null and not HttpStatusCode.Accepted).GroupBy(a => a.Status).Select(g => $"{(int)g.Key!}x{g.Count()}"))}"));
            Console.WriteLine("notification latency: " + Percentiles([.. answers.Select(a => a.Ms)]));
            Console.WriteLine("page before the flood: " + Percentiles(before));
            Console.WriteLine("page during the flood: " + Percentiles(reads));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"verified {verified} of {count} mentions {clock.Elapsed.TotalSeconds:0.0} s after the first notification"));
            return accepted == count ? 0 : 1;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static async Task<List<double>> ReadAsync(HttpClient client, string page, TimeSpan duration, CancellationToken ct)
    {
        var times = new List<double>();
        var clock = Stopwatch.StartNew();
        while (!ct.IsCancellationRequested && (duration == Timeout.InfiniteTimeSpan || clock.Elapsed < duration))
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(new Uri(page, UriKind.Relative), CancellationToken.None);
            _ = await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
            times.Add(watch.Elapsed.TotalMilliseconds);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{page} answered {(int)response.StatusCode}.");
            }
        }

        return times;
    }

    private static string Percentiles(List<double> times)
    {
        times.Sort();
        double P(double q) => times[Math.Max(0, (int)Math.Ceiling(q * times.Count) - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"p50 {P(0.50):0.0} ms, p95 {P(0.95):0.0} ms, p99 {P(0.99):0.0} ms, max {times[^1]:0.0} ms over {times.Count} requests");
    }

    private static ServiceProvider Platform(IReadOnlyDictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddPlatform(new ConfigurationBuilder().AddInMemoryCollection(settings.Append(new("Jobs:RunServer", "false"))).Build());
        return services.BuildServiceProvider();
    }

    private static async Task<Guid> SeedAsync(IReadOnlyDictionary<string, string?> settings)
    {
        await using var provider = Platform(settings);
        await using var scope = provider.CreateAsyncScope();
        var s = scope.ServiceProvider;
        var organiser = Person.Create("organiser@example.org", "Organiser", TimeProvider.System.GetUtcNow(), emailConfirmed: true);
        await s.GetRequiredService<UserManager<Person>>().CreateAsync(organiser);
        var organisation = (await s.GetRequiredService<CreateOrganisation>().CreateAsync("Bench party", null, null)).Value!.Id;
        await s.GetRequiredService<GrantOrganisationRole>().GrantAsync(organisation, organiser.Id, OrganisationRoleKind.Organiser);
        var draft = new ConversationDraft(organisation, null, "Homes", "What should we do about homes?", null,
            ["Build more council homes.", "Protect the green belt.", "Cap rents for young people."],
            new AnyoneSignedIn(), new AnyoneSignedIn(), null, 30, ModerationPolicy.AfterPublication, 14);
        return (await s.GetRequiredService<OpenConversation>().RunAsync(draft, organiser.Id)).Value!.Id;
    }

    private static async Task<int> CountVerifiedAsync(IReadOnlyDictionary<string, string?> settings)
    {
        await using var provider = Platform(settings);
        await using var scope = provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>().Set<Webmention>().CountAsync(w => w.State == WebmentionState.Verified);
    }
}
