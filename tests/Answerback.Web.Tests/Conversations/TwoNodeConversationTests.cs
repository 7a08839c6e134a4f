using Answerback.Platform.Accounts;
using Answerback.Platform.Conversations;
using Answerback.Platform.Data;
using Answerback.Platform.Eligibility;
using Answerback.Platform.Jobs;
using Answerback.Platform.Live;
using Answerback.Platform.Moderation;
using Answerback.Platform.Organisations;
using Answerback.Web.Tests.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Web.Tests.Conversations;

/// <summary>
/// Watches the map recompute's lock on every node of a test (one instance shared by both): how many
/// hold it at once (never more than one), how often it was asked for and granted.
/// </summary>
public sealed class MapLockObserver
{
    private int holders;

    public int MaxHolders { get; private set; }

    private int attempts;

    private int granted;

    public int Attempts => Volatile.Read(ref attempts);

    public int Granted => Volatile.Read(ref granted);

    internal void Attempted() => Interlocked.Increment(ref attempts);

    internal void Enter()
    {
        Interlocked.Increment(ref granted);
        var now = Interlocked.Increment(ref holders);
        lock (this)
        {
            MaxHolders = Math.Max(MaxHolders, now);
        }
    }

    internal void Leave() => Interlocked.Decrement(ref holders);

    /// <summary>Replaces the node's <see cref="IJobLocks"/> with one that reports map-lock holders to this observer.</summary>
    public void Instrument(IServiceCollection services)
    {
        var original = services.Last(d => d.ServiceType == typeof(IJobLocks));
        services.Remove(original);
        services.AddSingleton<IJobLocks>(sp => new Observed((IJobLocks)original.ImplementationFactory!(sp), this));
    }

    private sealed class Observed(IJobLocks inner, MapLockObserver observer) : IJobLocks
    {
        public async Task<IAsyncDisposable?> TryAcquireAsync(string key, CancellationToken ct)
        {
            if (!key.StartsWith("conversation-map:", StringComparison.Ordinal))
            {
                return await inner.TryAcquireAsync(key, ct);
            }

            observer.Attempted();
            var held = await inner.TryAcquireAsync(key, ct);
            if (held is null)
            {
                return null;
            }

            observer.Enter();
            return new Release(held, observer);
        }
    }

    private sealed class Release(IAsyncDisposable held, MapLockObserver observer) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            // Counted as left before the database lock goes, so the count never shows a false overlap.
            observer.Leave();
            await held.DisposeAsync();
        }
    }
}

/// <summary>
/// Conversations with two web nodes on one PostgreSQL database: 1,000 participants voting at once
/// on both nodes give exact counts, while the map's recompute lock is held (so no vote waits for a
/// recompute) and with recomputes asked for by both nodes never running twice at once; a map
/// computed on node A reaches a server-sent-events client of node B.
/// </summary>
public sealed class TwoNodeConversationTests
{
    private static async Task<(Guid Conversation, IReadOnlyList<Guid> Statements)> OpenAsync(WebNode node, int participants, List<Guid> people)
    {
        await using var scope = node.Services.CreateAsyncScope();
        var s = scope.ServiceProvider;
        var db = s.GetRequiredService<AnswerbackDbContext>();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var organisation = (await s.GetRequiredService<CreateOrganisation>().CreateAsync("Nodes " + suffix, "nodes-" + suffix, null)).Value!;
        var now = TimeProvider.System.GetUtcNow();
        var organiser = Person.Create($"organiser-{suffix}@example.org", "Organiser", now, emailConfirmed: true);
        var crowd = Enumerable.Range(0, participants).Select(i => Person.Create($"p{i}-{suffix}@example.org", "P" + i, now, emailConfirmed: true)).ToList();
        db.Users.Add(organiser);
        db.Users.AddRange(crowd);
        await db.SaveChangesAsync();
        people.AddRange(crowd.Select(p => p.Id));
        Assert.True((await s.GetRequiredService<GrantOrganisationRole>().GrantAsync(organisation.Id, organiser.Id, OrganisationRoleKind.Organiser)).Succeeded);
        var opened = await s.GetRequiredService<OpenConversation>().RunAsync(new ConversationDraft(organisation.Id, null, "Two nodes", "Do two nodes agree?", null,
            ["Statement one.", "Statement two.", "Statement three."], new AnyoneSignedIn(), new AnyoneSignedIn(), null, 30, ModerationPolicy.AfterPublication, 14), organiser.Id);
        Assert.True(opened.Succeeded, string.Join("; ", opened.Errors));
        var statements = await db.Set<Statement>().Where(x => x.ConversationId == opened.Value!.Id).OrderBy(x => x.Number).Select(x => x.Id).ToListAsync();
        return (opened.Value!.Id, statements);
    }

    private static short ValueOf(int participant, int statement) => (short)(((participant + statement) % 10) switch { < 4 => 1, < 9 => -1, _ => 0 });

    [Fact]
    public async Task ThousandVotersOnBothNodes_ExactCounts_VotesNeverWaitForRecompute_NeverTwoRecomputesAtOnce()
    {
        var observer = new MapLockObserver();
        await using var nodes = TwoNodes.Start(
            settings: new Dictionary<string, string?> { ["Conversations:MapDebounce"] = "00:00:00.200" },
            services: (_, s) => observer.Instrument(s));
        var ct = TestContext.Current.CancellationToken;
        var people = new List<Guid>();
        var (conversation, statements) = await OpenAsync(nodes.A, 1000, people);

        // A recompute holds the conversation's lock (as a long one would) while everyone votes.
        var locks = nodes.A.Services.GetRequiredService<IJobLocks>();
        var recompute = await locks.TryAcquireAsync(RecomputeMap.LockKey(conversation), ct);
        Assert.NotNull(recompute);
        using var start = new ManualResetEventSlim();
        // All 1,000 start together; at most 60 requests are inside the app at once, as a web server's
        // request queue would have it: both nodes share this process's one connection pool of 100.
        using var inFlight = new SemaphoreSlim(60);
        var voters = people.Select((person, i) => Task.Run(async () =>
        {
            start.Wait(ct);
            var node = i % 2 == 0 ? nodes.A : nodes.B;
            for (var k = 0; k < statements.Count; k++)
            {
                await inFlight.WaitAsync(ct);
                try
                {
                    await using var scope = node.Services.CreateAsyncScope();
                    var result = await scope.ServiceProvider.GetRequiredService<CastVote>().RunAsync(conversation, statements[k], person, ValueOf(i, k), ct);
                    Assert.True(result.Succeeded, string.Join("; ", result.Errors));
                }
                finally
                {
                    inFlight.Release();
                }
            }
        }, ct)).ToList();
        start.Set();
        await Task.WhenAll(voters);
        // Every vote was recorded while the recompute held the lock: none waited for it.
        Assert.Equal(1, observer.MaxHolders);

        await using (var scope = nodes.B.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>();
            for (var k = 0; k < statements.Count; k++)
            {
                var statement = statements[k];
                var counts = await db.Set<Vote>().Where(v => v.StatementId == statement).GroupBy(v => v.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
                var expected = Enumerable.Range(0, 1000).GroupBy(i => ValueOf(i, k)).ToDictionary(g => g.Key, g => g.Count());
                Assert.Equal(expected.OrderBy(e => e.Key), counts.OrderBy(e => e.Key));
            }
        }

        // Both nodes asked for recomputes; once the lock is free the map comes to include every vote.
        await recompute!.DisposeAsync();
        using (var anotherVote = nodes.B.Services.CreateScope())
        {
            // A change of vote after the lock is released asks again, so a recompute certainly follows.
            Assert.True((await anotherVote.ServiceProvider.GetRequiredService<CastVote>().RunAsync(conversation, statements[0], people[1], ValueOf(1, 0), ct)).Succeeded);
        }

        MapSnapshot? map = null;
        for (var i = 0; i < 600 && map?.Votes != 3000; i++)
        {
            await Task.Delay(200, ct);
            await using var scope = nodes.A.Services.CreateAsyncScope();
            map = await scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>().Set<MapSnapshot>().AsNoTracking()
                .Where(m => m.ConversationId == conversation).OrderByDescending(m => m.Version).FirstOrDefaultAsync(ct);
        }

        Assert.Equal(3000, map?.Votes);
        Assert.True(observer.Granted >= 2, $"the test's hold and at least one recompute took the lock ({observer.Granted})");
        Assert.Equal(1, observer.MaxHolders);
    }

    [Fact]
    public async Task MapComputedOnNodeA_ReachesEventStreamClientOfNodeB()
    {
        await using var nodes = TwoNodes.Start();
        var ct = TestContext.Current.CancellationToken;
        var people = new List<Guid>();
        var (conversation, statements) = await OpenAsync(nodes.A, 40, people);
        await nodes.B.Services.GetRequiredService<PostgresLiveUpdates>().Listening.WaitAsync(TimeSpan.FromSeconds(60), ct);
        using var http = nodes.B.Http();
        await using var events = await EventStream.OpenAsync(http, $"/conversations/{conversation}/live", ct);

        // Votes written as an import writes them (no trigger, so no job runs anywhere), then node A recomputes.
        await using (var scope = nodes.A.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>();
            var now = TimeProvider.System.GetUtcNow();
            db.Set<Vote>().AddRange(people.SelectMany((p, i) => statements.Select((s, k) => new Vote
            {
                StatementId = s, Participant = Vote.ParticipantOf(p), ConversationId = conversation, Value = ValueOf(i, k), FirstCastAt = now, CastAt = now,
            })));
            await db.SaveChangesAsync(ct);
            Assert.True(await scope.ServiceProvider.GetRequiredService<RecomputeMap>().RunAsync(conversation, ct));
        }

        Assert.Equal("1", await events.NextDataAsync(ct));
        // What node B's map page swaps in when it hears the message is the new map.
        var fragment = await http.GetStringAsync(new Uri($"/conversations/{conversation}/map?handler=Fragment", UriKind.Relative), ct);
        Assert.Contains("data-version=\"1\"", fragment, StringComparison.Ordinal);
        Assert.Contains("40 participants, 120 votes", fragment, StringComparison.Ordinal);
    }
}
