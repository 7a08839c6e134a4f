using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Answerback.OpinionMap;
using Answerback.Platform;
using Answerback.Platform.Accounts;
using Answerback.Platform.Conversations;
using Answerback.Platform.Data;
using Answerback.Platform.Eligibility;
using Answerback.Platform.Moderation;
using Answerback.Platform.Organisations;
using Answerback.Testing;
using Answerback.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Answerback.Benchmarks.Conversations;

/// <summary>
/// Vote submission over HTTP on PostgreSQL (issue 11): signed-in participants post the vote form as
/// conversations.js does (the next-statement fragment comes back), open loop at a target rate.
/// Prints the achieved rate, latency percentiles from each request's due time, and the reconciliation
/// (successful responses = distinct votes stored + changes).
/// <code>
/// ANSWERBACK_TEST_POSTGRES=... dotnet bench/Answerback.Benchmarks/bin/Release/net10.0/Answerback.Benchmarks.dll scenario conversation-votes-http [rate] [seconds] [participants]
/// </code>
/// </summary>
public sealed class ConversationVotesScenario : IScenario
{
    public string Name => "conversation-votes-http";

    public int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args)
    {
        var rate = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
        var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 60;
        var participants = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 64;
        const int statements = 40;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"conversation-votes-http: target {rate}/s for {seconds} s, {participants} signed-in participants (one connection each), {statements} statements"));
        await using var site = await ConversationSite.StartAsync();
        var conversation = await site.OpenAsync(statements);
        var clients = await site.SignInAsync(participants, conversation.Id);
        var outcomes = new ConcurrentBag<(bool Ok, double Ms)>();
        var total = rate * seconds;
        var next = -1;
        // This process is the web app and the load generator; the PostgreSQL backends are read from /proc.
        var cpuSelf = Process.GetCurrentProcess().TotalProcessorTime;
        var cpuDatabase = await site.DatabaseCpuAsync();
        var clock = Stopwatch.StartNew();
        var workers = clients.Select((c, w) => Task.Run(async () =>
        {
            var mine = 0;
            int i;
            // A server far below the target rate would take many times the duration: stop sending 30 s after it.
            while ((i = Interlocked.Increment(ref next)) < total && clock.Elapsed < TimeSpan.FromSeconds(seconds + 30))
            {
                var due = TimeSpan.FromSeconds((double)i / rate);
                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                var statement = conversation.Statements[(w + mine++) % statements];
                var ok = await c.VoteAsync(conversation.Id, statement, (i % 3) switch { 0 => "agree", 1 => "disagree", _ => "pass" });
                outcomes.Add((ok, (clock.Elapsed - due).TotalMilliseconds));
            }
        })).ToList();
        await Task.WhenAll(workers);
        var elapsed = clock.Elapsed;
        var selfCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuSelf;
        var databaseCpu = await site.DatabaseCpuAsync() - cpuDatabase;
        var ok = outcomes.Count(o => o.Ok);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CPU during the load: web app and load generator {selfCpu.TotalSeconds:0.00} s, PostgreSQL backends {databaseCpu.TotalSeconds:0.00} s; per vote {selfCpu.TotalMilliseconds / Math.Max(1, ok):0.00} + {databaseCpu.TotalMilliseconds / Math.Max(1, ok):0.00} ms"));
        var latencies = outcomes.Select(o => o.Ms).Order().ToList();
        double P(double q) => latencies[Math.Min(latencies.Count - 1, (int)(q * latencies.Count))];
        var stored = await site.CountVotesAsync(conversation.Id);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sent {outcomes.Count} of {total} in {elapsed.TotalSeconds:0.0} s: {ok} recorded ({ok / elapsed.TotalSeconds:0} votes/s), {outcomes.Count - ok} failed"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"latency from due time: p50 {P(0.5):0.0} ms, p95 {P(0.95):0.0} ms, p99 {P(0.99):0.0} ms, max {latencies[^1]:0} ms"));
        var expected = Math.Min(ok, participants * statements);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"vote rows {stored} (each participant's first vote on a statement is a row, later ones change it): {(stored == expected || (stored <= participants * statements && ok > participants * statements) ? "consistent" : "MISMATCH")}"));
        foreach (var c in clients)
        {
            c.Dispose();
        }

        return ok == outcomes.Count ? 0 : 1;
    }
}

/// <summary>
/// The map page of a conversation with many participants (default 20,000 × 50 statements,
/// synthetic votes in three groups), precomputed: p50/p95 of the page, anonymous and signed in
/// (the viewer's group), after warming up.
/// <code>
/// ANSWERBACK_TEST_POSTGRES=... dotnet bench/Answerback.Benchmarks/bin/Release/net10.0/Answerback.Benchmarks.dll scenario conversation-map-http [participants] [statements] [requests]
/// </code>
/// </summary>
public sealed class ConversationMapScenario : IScenario
{
    public string Name => "conversation-map-http";

    public int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args)
    {
        var participants = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        var statements = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
        var requests = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 300;
        await using var site = await ConversationSite.StartAsync();
        var conversation = await site.OpenAsync(statements);
        var viewer = (await site.SignInAsync(1, conversation.Id))[0];
        await site.SeedVotesAsync(conversation, participants, viewer.PersonId);
        var clock = Stopwatch.StartNew();
        await site.RecomputeAsync(conversation.Id);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"conversation-map-http: {participants} participants × {statements} statements, map computed in {clock.Elapsed.TotalSeconds:0.00} s"));
        using var anonymous = new HttpClient { BaseAddress = site.Address };
        await TimeAsync("map page, anonymous", anonymous, $"/conversations/{conversation.Id}/map", requests, null);
        await TimeAsync("map page, signed in (your group)", viewer.Http, $"/conversations/{conversation.Id}/map", requests, "You are in");
        await TimeAsync("map fragment (what a live update fetches)", anonymous, $"/conversations/{conversation.Id}/map?handler=Fragment", requests, null);
        viewer.Dispose();
        return 0;
    }

    private static async Task TimeAsync(string what, HttpClient http, string path, int requests, string? expect)
    {
        for (var i = 0; i < 20; i++)
        {
            using var warm = await http.GetAsync(new Uri(path, UriKind.Relative));
            var html = await warm.Content.ReadAsStringAsync();
            if (!warm.IsSuccessStatusCode || (expect is not null && !html.Contains(expect, StringComparison.Ordinal)))
            {
                Console.WriteLine($"{what}: {(int)warm.StatusCode} without \"{expect}\"; not timed");
                return;
            }
        }

        var times = new List<double>();
        for (var i = 0; i < requests; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: p50 {times[requests / 2]:0.0} ms, p95 {times[requests * 95 / 100]:0.0} ms, max {times[^1]:0.0} ms ({requests} requests, one at a time)"));
    }
}

/// <summary>
/// From a vote to the stored map that includes it, at 20,000 participants: a signed-in participant
/// votes over HTTP; the time until a map whose vote sequence includes that vote is stored (the debounce, the
/// Hangfire pick-up, loading the votes, the engine, storing) is printed per round.
/// <code>
/// ANSWERBACK_TEST_POSTGRES=... dotnet bench/Answerback.Benchmarks/bin/Release/net10.0/Answerback.Benchmarks.dll scenario conversation-vote-to-map [participants] [statements] [rounds]
/// </code>
/// </summary>
public sealed class ConversationVoteToMapScenario : IScenario
{
    public string Name => "conversation-vote-to-map";

    public int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args)
    {
        var participants = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        var statements = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        await using var site = await ConversationSite.StartAsync();
        var conversation = await site.OpenAsync(statements);
        var voter = (await site.SignInAsync(1, conversation.Id))[0];
        await site.SeedVotesAsync(conversation, participants, null);
        await site.RecomputeAsync(conversation.Id);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"conversation-vote-to-map: {participants} participants × {statements} statements, debounce {site.Debounce.TotalSeconds:0.0} s"));
        var times = new List<double>();
        for (var r = 0; r < rounds; r++)
        {
            // Apart from the last recompute, so each vote starts a fresh debounce.
            await Task.Delay(site.Debounce * 4 + TimeSpan.FromSeconds(2));
            var clock = Stopwatch.StartNew();
            if (!await voter.VoteAsync(conversation.Id, conversation.Statements[r % statements], r % 2 == 0 ? "agree" : "disagree"))
            {
                Console.WriteLine("the vote failed");
                return 1;
            }

            var sequence = await site.VoteSequenceAsync(conversation.Id);
            while (await site.MapVoteSequenceAsync(conversation.Id) < sequence)
            {
                if (clock.Elapsed > TimeSpan.FromMinutes(2))
                {
                    Console.WriteLine("no map within two minutes");
                    return 1;
                }

                await Task.Delay(10);
            }

            times.Add(clock.Elapsed.TotalSeconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {r + 1}: vote to map {clock.Elapsed.TotalSeconds:0.00} s"));
        }

        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"vote to map: median {times[times.Count / 2]:0.00} s, max {times[^1]:0.00} s ({rounds} rounds)"));
        voter.Dispose();
        return 0;
    }
}

/// <summary>A conversation set up for a load run: its id and its statements' ids in order.</summary>
internal sealed record BenchConversation(Guid Id, IReadOnlyList<Guid> Statements);

/// <summary>A signed-in participant's connection: posts the vote form with its antiforgery token.</summary>
internal sealed partial class Participant(HttpClient http, string token, Guid personId) : IDisposable
{
    public HttpClient Http { get; } = http;

    public Guid PersonId { get; } = personId;

    public async Task<bool> VoteAsync(Guid conversation, Guid statement, string vote)
    {
        using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("statementId", statement.ToString()), new("vote", vote)]);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/conversations/{conversation}?handler=Vote", UriKind.Relative)) { Content = content };
        request.Headers.Add("X-Answerback-Fragment", "1");
        try
        {
            using var response = await Http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return false;
        }
    }

    public static async Task<string> TokenAsync(HttpClient http, string path)
    {
        var html = await http.GetStringAsync(new Uri(path, UriKind.Relative));
        var match = TokenPattern().Match(html);
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException("No antiforgery token on " + path);
    }

    public void Dispose() => Http.Dispose();

    [GeneratedRegex(@"name=""__RequestVerificationToken"" type=""hidden"" value=""([^""]+)""")]
    private static partial Regex TokenPattern();
}

/// <summary>
/// The whole web app in this process on a real port over a fresh PostgreSQL database (created and
/// dropped), with its Hangfire server, production settings otherwise.
/// </summary>
internal sealed class ConversationSite : IAsyncDisposable
{
    private const string Password = "Correct-horse-42";

    private readonly WebApplication app;
    private readonly string server;
    private readonly string database;
    private readonly string folder;
    private readonly string connection;
    private Guid organisation;
    private Guid organiser;

    private ConversationSite(WebApplication app, string server, string database, string folder, string connection, Uri address)
    {
        this.app = app;
        this.server = server;
        this.database = database;
        this.folder = folder;
        this.connection = connection;
        Address = address;
    }

    public Uri Address { get; }

    public TimeSpan Debounce => app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ConversationsOptions>>().Value.MapDebounce;

    public static async Task<ConversationSite> StartAsync()
    {
        var server = Environment.GetEnvironmentVariable("ANSWERBACK_TEST_POSTGRES") ?? throw new InvalidOperationException("Set ANSWERBACK_TEST_POSTGRES.");
        var database = "answerback_bench_" + Guid.NewGuid().ToString("N")[..12];
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = database, MaxPoolSize = 100 }.ConnectionString;
        var folder = Directory.CreateTempSubdirectory("answerback-bench-").FullName;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = typeof(WebApplicationExtensions).Assembly.GetName().Name, EnvironmentName = "Production" });
        builder.Configuration["Database:Provider"] = "Postgres";
        builder.Configuration["Database:ConnectionString"] = connection;
        builder.Configuration["Storage:DataFolder"] = folder;
        foreach (var (key, value) in TestSecrets.HostSettings())
        {
            builder.Configuration[key] = value;
        }

        builder.Configuration["Site:PublicUrl"] = "http://127.0.0.1";
        builder.Configuration["Demo:Enabled"] = "false";
        builder.Configuration["RateLimiting:SignInPermitsPerMinute"] = "100000";
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddPlatform(builder.Configuration);
        builder.Services.AddWeb(builder.Configuration);
        var app = builder.Build();
        await app.Services.MigrateDatabaseAsync();
        app.UseWeb();
        app.MapWeb();
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new ConversationSite(app, server, database, folder, connection, address);
    }

    public async Task<BenchConversation> OpenAsync(int statements)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var s = scope.ServiceProvider;
        var suffix = Guid.NewGuid().ToString("N")[..8];
        organisation = (await s.GetRequiredService<CreateOrganisation>().CreateAsync("Bench Party " + suffix, "bench-" + suffix, null)).Value!.Id;
        var person = Person.Create($"organiser-{suffix}@example.org", "Organiser", TimeProvider.System.GetUtcNow(), emailConfirmed: true);
        await s.GetRequiredService<UserManager<Person>>().CreateAsync(person);
        organiser = person.Id;
        await s.GetRequiredService<GrantOrganisationRole>().GrantAsync(organisation, organiser, OrganisationRoleKind.Organiser);
        var seeds = Enumerable.Range(1, statements).Select(i => $"Statement number {i} about homes, buses and parks in Benchtown.").ToList();
        var opened = await s.GetRequiredService<OpenConversation>().RunAsync(new ConversationDraft(organisation, null, "Bench conversation", "What should Benchtown do?", null,
            seeds, new AnyoneSignedIn(), new AnyoneSignedIn(), null, 30, ModerationPolicy.AfterPublication, 14), organiser);
        var id = opened.Value?.Id ?? throw new InvalidOperationException(string.Join("; ", opened.Errors));
        var db = s.GetRequiredService<AnswerbackDbContext>();
        return new BenchConversation(id, await db.Set<Statement>().Where(x => x.ConversationId == id).OrderBy(x => x.Number).Select(x => x.Id).ToListAsync());
    }

    /// <summary>People with one password hash (hashed once), each signed in over HTTP with the conversation page's token.</summary>
    public async Task<List<Participant>> SignInAsync(int count, Guid conversation)
    {
        var people = new List<Person>();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>();
            var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<Person>>();
            var now = TimeProvider.System.GetUtcNow();
            string? hash = null;
            for (var i = 0; i < count; i++)
            {
                var email = $"voter{i}-{Guid.NewGuid():N}@example.org";
                var person = Person.Create(email, "Voter " + i, now, emailConfirmed: true);
                person.NormalizedEmail = person.NormalizedUserName = email.ToUpperInvariant();
                person.SecurityStamp = Guid.NewGuid().ToString("N");
                person.PasswordHash = hash ??= hasher.HashPassword(person, Password);
                people.Add(person);
            }

            db.Users.AddRange(people);
            await db.SaveChangesAsync();
        }

        var clock = Stopwatch.StartNew();
        var participants = new Participant[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, cancel) =>
        {
            var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, MaxConnectionsPerServer = 1 }) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
            var token = await Participant.TokenAsync(http, "/accounts/sign-in");
            using var form = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Input.Email", people[i].Email!), new("Input.Password", Password)]);
            using var signedIn = await http.PostAsync(new Uri("/accounts/sign-in", UriKind.Relative), form, cancel);
            if (signedIn.StatusCode != HttpStatusCode.Redirect || signedIn.Headers.Location?.OriginalString.StartsWith("/accounts/sign-in", StringComparison.Ordinal) == true)
            {
                throw new InvalidOperationException($"sign-in failed: {signedIn.StatusCode} {signedIn.Headers.Location}");
            }

            participants[i] = new Participant(http, await Participant.TokenAsync(http, $"/conversations/{conversation}"), people[i].Id);
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count} participants signed in in {clock.Elapsed.TotalSeconds:0.0} s"));
        return [.. participants];
    }

    /// <summary>Synthetic votes in three groups (binary COPY, as an import writes them); participant 0 is <paramref name="viewer"/> when given.</summary>
    public async Task SeedVotesAsync(BenchConversation conversation, int participants, Guid? viewer)
    {
        var clock = Stopwatch.StartNew();
        var synthetic = SyntheticConversation.Generate(participants, conversation.Statements.Count, 3, 0.15, 20261202);
        var at = TimeProvider.System.GetUtcNow().AddMinutes(-10);
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        var rows = 0;
        await using (var copy = await db.BeginBinaryImportAsync("COPY \"ConversationVotes\" (\"StatementId\", \"Participant\", \"ConversationId\", \"Value\", \"FirstCastAt\", \"CastAt\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var v in synthetic.Matrix.EnumerateVotes())
            {
                var number = int.Parse(v.ParticipantId.AsSpan(1), CultureInfo.InvariantCulture);
                var participant = number == 0 && viewer is { } me ? Vote.ParticipantOf(me) : "bench:" + v.ParticipantId;
                await copy.StartRowAsync();
                await copy.WriteAsync(conversation.Statements[int.Parse(v.StatementId, CultureInfo.InvariantCulture)], NpgsqlDbType.Uuid);
                await copy.WriteAsync(participant, NpgsqlDbType.Varchar);
                await copy.WriteAsync(conversation.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync((short)v.Value, NpgsqlDbType.Smallint);
                await copy.WriteAsync(at, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(at, NpgsqlDbType.TimestampTz);
                rows++;
            }

            await copy.CompleteAsync();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rows:N0} votes of {participants:N0} participants written in {clock.Elapsed.TotalSeconds:0.0} s"));
    }

    /// <summary>CPU time of the PostgreSQL backends of this database now (the casting run's reading of /proc).</summary>
    public Task<TimeSpan> DatabaseCpuAsync() => Primaries.CastingLoadScenario.DatabaseCpuAsync(connection);

    public async Task RecomputeAsync(Guid conversation)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RecomputeMap>().RunAsync(conversation, CancellationToken.None);
    }

    public Task<int> CountVotesAsync(Guid conversation) => WithDbAsync(db => db.Set<Vote>().CountAsync(v => v.ConversationId == conversation));

    public Task<long> VoteSequenceAsync(Guid conversation) => WithDbAsync(db => db.Set<Conversation>().Where(c => c.Id == conversation).Select(c => c.VoteSequence).FirstAsync());

    public Task<long> MapVoteSequenceAsync(Guid conversation)
        => WithDbAsync(async db => await db.Set<MapSnapshot>().Where(m => m.ConversationId == conversation).MaxAsync(m => (long?)m.VoteSequence) ?? -1);

    private async Task<T> WithDbAsync<T>(Func<AnswerbackDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
        Directory.Delete(folder, recursive: true);
    }
}
