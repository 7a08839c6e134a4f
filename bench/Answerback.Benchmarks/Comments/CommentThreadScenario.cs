using System.Diagnostics;
using System.Globalization;
using Answerback.Platform;
using Answerback.Platform.Accounts;
using Answerback.Platform.Comments;
using Answerback.Platform.Data;
using Answerback.Platform.Eligibility;
using Answerback.Platform.Organisations;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Answerback.Benchmarks.Comments;

/// <summary>
/// A thread of 1,000 comments (300 top-level, 700 replies, 40 authors) on PostgreSQL: the time to
/// read one page of it as the <c>Comments/_Thread</c> partial does (<see cref="CommentThreadQuery"/>),
/// 300 reads after 20 warm-up reads, first and last page, p50/p95/p99.
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
            var connection = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
            var owner = new BenchThreads();
            var services = new ServiceCollection();
            services.AddPlatform(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Postgres",
                ["Database:ConnectionString"] = connection,
                ["Storage:DataFolder"] = Path.GetTempPath(),
                ["Residency:HashKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            }).Build());
            services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommentThreadOwner>(owner));
            await using var provider = services.BuildServiceProvider();
            await provider.MigrateDatabaseAsync();
            var thread = await SeedAsync(provider, owner, count);

            foreach (var page in new[] { 1, int.MaxValue })
            {
                var times = new List<double>();
                CommentThreadView? view = null;
                for (var i = 0; i < 320; i++)
                {
                    await using var scope = provider.CreateAsyncScope();
                    var query = scope.ServiceProvider.GetRequiredService<CommentThreadQuery>();
                    var watch = Stopwatch.StartNew();
                    view = await query.PageAsync(BenchThreads.ThreadKind, thread, owner.Viewer, page);
                    watch.Stop();
                    if (i >= 20)
                    {
                        times.Add(watch.Elapsed.TotalMilliseconds);
                    }
                }

                times.Sort();
                double P(double q) => times[(int)Math.Ceiling(q * times.Count) - 1];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"thread of {view!.Total} comments, page {view.Page} of {view.PageCount} ({view.Comments.Count} comments shown): p50 {P(0.50):0.0} ms, p95 {P(0.95):0.0} ms, p99 {P(0.99):0.0} ms over {times.Count} reads"));
            }

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

    private static async Task<Guid> SeedAsync(IServiceProvider provider, BenchThreads owner, int count)
    {
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
        var start = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
        var organisation = (await scope.ServiceProvider.GetRequiredService<CreateOrganisation>().CreateAsync("Bench party", null, null)).Value!;
        var authors = new List<Guid>();
        for (var i = 0; i < 40; i++)
        {
            var person = Person.Create($"bench{i}@example.org", $"Resident {i}", start, emailConfirmed: true);
            await users.CreateAsync(person);
            authors.Add(person.Id);
        }

        owner.Viewer = authors[0];
        var thread = Guid.NewGuid();
        owner.Organisation = organisation.Id;
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
                Id = id, ThreadKind = BenchThreads.ThreadKind, ThreadId = thread, ParentId = parent?.Id, RootId = parent?.RootId ?? id,
                Depth = parent is null ? 0 : parent.Depth + 1, AuthorPersonId = authors[random.Next(authors.Count)],
                Body = body, BodyHtml = Answerback.Platform.Common.MarkdownText.CommentToHtml(body), Fingerprint = CommentText.Fingerprint(body), CreatedAt = start.AddMinutes(i),
            });
        }

        db.AddRange(comments);
        await db.SaveChangesAsync();
        return thread;
    }

    private sealed class BenchThreads : ICommentThreadOwner
    {
        public const string ThreadKind = "bench-thread";

        public Guid Organisation { get; set; }

        public Guid Viewer { get; set; }

        public string Kind => ThreadKind;

        public Task<CommentThreadInfo?> FindAsync(Guid threadId, CancellationToken ct)
            => Task.FromResult<CommentThreadInfo?>(new CommentThreadInfo(Organisation, "/bench/" + threadId, "Bench thread"));

        public Task<EligibilityDecision> MayTakePartAsync(Guid threadId, Guid personId, CancellationToken ct)
            => Task.FromResult(new EligibilityDecision(true, "Everyone."));
    }
}
