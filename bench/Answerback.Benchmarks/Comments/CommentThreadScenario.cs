using System.Diagnostics;
using System.Globalization;
using System.Text;
using Answerback.Platform;
using Answerback.Platform.Accounts;
using Answerback.Platform.Areas;
using Answerback.Platform.Comments;
using Answerback.Platform.Data;
using Answerback.Platform.Organisations;
using Answerback.Platform.Primaries;
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

namespace Answerback.Benchmarks.Comments;

/// <summary>
/// A thread of 1,000 comments (300 top-level, 700 replies, 40 authors) on PostgreSQL, on a real page:
/// an approved candidate's page in a published primary (<see cref="CandidateCommentThreads"/>, set up
/// through the use cases). Timed: reading one page of the thread as the <c>Comments/_Thread</c>
/// partial does (<see cref="CommentThreadQuery"/> with the real owner and its eligibility rule), 300
/// reads after 20 warm-up reads, first and last page; then the whole candidate page over HTTP
/// (Kestrel on 127.0.0.1, rendered with its first page of comments), 200 requests after 10, p50/p95/p99.
/// <c>dotnet run -c Release --project bench/Answerback.Benchmarks -- scenario comments-thread "Host=127.0.0.1;Port=55433;Username=postgres;Password=postgres" [comments]</c>
/// </summary>
public sealed class CommentThreadScenario : IScenario
{
    public string Name => "comments-thread";

    public int Run(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: scenario comments-thread POSTGRES_CONNECTION_STRING [comments]");
            return 2;
        }

        var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
        return RunAsync(args[0], count).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(string server, int count)
    {
        var name = "answerback_bench_comments_" + Guid.NewGuid().ToString("N")[..8];
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = typeof(WebApplicationExtensions).Assembly.GetName().Name, EnvironmentName = "Development" });
            builder.Configuration["Database:Provider"] = "Postgres";
            builder.Configuration["Database:ConnectionString"] = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
            builder.Configuration["Storage:DataFolder"] = Path.GetTempPath();
            builder.Configuration["Residency:HashKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
            builder.Configuration["Site:PublicUrl"] = "http://127.0.0.1";
            builder.Configuration["Jobs:RunServer"] = "false";
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            // The primary's timetable is set up on this clock, then it stays in the hustings.
            var clock = new BenchClock(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));
            builder.Services.AddSingleton<TimeProvider>(clock);
            builder.Services.AddPlatform(builder.Configuration);
            builder.Services.AddWeb(builder.Configuration);
            await using var app = builder.Build();
            await app.Services.MigrateDatabaseAsync();
            var (primary, candidate, viewer) = await SeedAsync(app.Services, clock, count);

            foreach (var page in new[] { 1, int.MaxValue })
            {
                var times = new List<double>();
                CommentThreadView? view = null;
                for (var i = 0; i < 320; i++)
                {
                    await using var scope = app.Services.CreateAsyncScope();
                    var query = scope.ServiceProvider.GetRequiredService<CommentThreadQuery>();
                    var watch = Stopwatch.StartNew();
                    view = await query.PageAsync(CandidateCommentThreads.ThreadKind, candidate, viewer, page);
                    watch.Stop();
                    if (i >= 20)
                    {
                        times.Add(watch.Elapsed.TotalMilliseconds);
                    }
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"thread of {view!.Total} comments, page {view.Page} of {view.PageCount} ({view.Comments.Count} comments shown): {Percentiles(times)} over {times.Count} reads"));
            }

            app.UseWeb();
            app.MapWeb();
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            var path = new Uri($"/primaries/{primary}/candidates/{candidate}", UriKind.Relative);
            var pageTimes = new List<double>();
            var size = 0;
            for (var i = 0; i < 210; i++)
            {
                var watch = Stopwatch.StartNew();
                using var response = await http.GetAsync(path);
                var body = await response.Content.ReadAsByteArrayAsync();
                watch.Stop();
                response.EnsureSuccessStatusCode();
                size = body.Length;
                if (i >= 10)
                {
                    pageTimes.Add(watch.Elapsed.TotalMilliseconds);
                }
            }

            await app.StopAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"candidate page with the thread over HTTP ({size / 1024} KiB): {Percentiles(pageTimes)} over {pageTimes.Count} requests"));
            return 0;
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

    private static string Percentiles(List<double> times)
    {
        times.Sort();
        double P(double q) => times[(int)Math.Ceiling(q * times.Count) - 1];
        return string.Create(CultureInfo.InvariantCulture, $"p50 {P(0.50):0.0} ms, p95 {P(0.95):0.0} ms, p99 {P(0.99):0.0} ms");
    }

    /// <summary>A members-only primary with one approved candidate (through the use cases), and the comments on the candidate's page.</summary>
    private static async Task<(Guid Primary, Guid Candidate, Guid Viewer)> SeedAsync(IServiceProvider provider, BenchClock clock, int count)
    {
        await using var scope = provider.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AnswerbackDbContext>();
        var users = sp.GetRequiredService<UserManager<Person>>();
        var start = clock.GetUtcNow();
        var areas = await sp.GetRequiredService<ImportAreas>().ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes("code,name,parent_code\nB0,Benchtown,\nB1,North Ward,B0\n")), "areas.csv", mayChangeExisting: false);
        if (!areas.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", areas.Errors));
        }

        var ward = await db.Areas.Where(a => a.Code == "B1").Select(a => a.Id).SingleAsync();
        var organisation = (await sp.GetRequiredService<CreateOrganisation>().CreateAsync("Bench party", null, null)).Value!;
        var authors = new List<Guid>();
        for (var i = 0; i < 40; i++)
        {
            var person = Person.Create($"bench{i}@example.org", $"Resident {i}", start, emailConfirmed: true);
            await users.CreateAsync(person);
            authors.Add(person.Id);
        }

        var organiser = authors[^1];
        await sp.GetRequiredService<GrantOrganisationRole>().GrantAsync(organisation.Id, organiser, OrganisationRoleKind.Organiser);
        var timetable = new PrimaryTimetable(start.AddDays(1), start.AddDays(3), start.AddDays(10), start.AddDays(12));
        var primary = Check(await sp.GetRequiredService<CreatePrimary>().CreateAsync(organiser, organisation.Id,
            new PrimaryDetails("North Ward candidate", "Choose our candidate.", ward, 1, "av", Electorate.Members, timetable)));
        Check(await sp.GetRequiredService<PublishPrimary>().PublishAsync(organiser, primary.Id));
        clock.Now = start.AddDays(1).AddHours(1);
        var nominee = authors[^2];
        var nominated = Check(await sp.GetRequiredService<Nominate>().NominateAsync(nominee, primary.Id, null)).Candidate!;
        var candidate = Check(await sp.GetRequiredService<ApproveCandidate>().ApproveAsync(organiser, nominated.Id)).Id;
        clock.Now = start.AddDays(4);

        var thread = candidate;
        // Deterministic shape: 30% top-level, each reply to a random earlier comment (seeded).
        var random = new Random(42);
        var comments = new List<Comment>(count);
        for (var i = 0; i < count; i++)
        {
            var parent = i > 0 && random.NextDouble() >= 0.3 ? comments[random.Next(comments.Count)] : null;
            var id = Guid.NewGuid();
            var body = $"Comment {i}: the **bus** to Trumpington should run more often, see [the plan](https://example.org/plan/{i}).";
            comments.Add(new Comment
            {
                Id = id, ThreadKind = CandidateCommentThreads.ThreadKind, ThreadId = thread, ParentId = parent?.Id, RootId = parent?.RootId ?? id,
                Depth = parent is null ? 0 : parent.Depth + 1, AuthorPersonId = authors[random.Next(authors.Count)],
                Body = body, BodyHtml = Answerback.Platform.Common.MarkdownText.CommentToHtml(body), Fingerprint = CommentText.Fingerprint(body), CreatedAt = start.AddDays(3).AddMinutes(i),
            });
        }

        db.AddRange(comments);
        await db.SaveChangesAsync();
        return (primary.Id, candidate, authors[0]);
    }

    private static T Check<T>(Platform.Common.Result<T> result)
        where T : class
        => result.Value ?? throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Field + ": " + e.Message)));

    private sealed class BenchClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
