using System.Collections.Concurrent;
using Answerback.Platform.Jobs;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Web.Tests.Jobs;

/// <summary>A job of the tests: records which node ran it, and takes a little time so that both nodes' workers compete.</summary>
public sealed class RecordingJob(NodeName node)
{
    /// <summary>Every run, by (batch, number): the names of the nodes that ran it.</summary>
    public static readonly ConcurrentDictionary<(Guid Batch, int Number), ConcurrentBag<string>> Runs = new();

    public async Task RunAsync(Guid batch, int number, CancellationToken ct)
    {
        Runs.GetOrAdd((batch, number), _ => []).Add(node.Name);
        await Task.Delay(50, ct);
    }
}

/// <summary>Which node a service lives in (registered per node by the test).</summary>
public sealed record NodeName(string Name);

/// <summary>The job engine and locks with two web nodes on one PostgreSQL database.</summary>
public sealed class TwoNodeJobsTests
{
    [Fact]
    public async Task Enqueue_TwoNodes_EachJobRunsExactlyOnce()
    {
        await using var nodes = TwoNodes.Start(services: (name, s) => s.AddSingleton(new NodeName(name)));
        var batch = Guid.NewGuid();
        const int count = 40;
        // Half enqueued on each node: every worker of both servers takes from the one queue.
        for (var i = 0; i < count; i++)
        {
            var node = i % 2 == 0 ? nodes.A : nodes.B;
            var number = i;
            node.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<RecordingJob>(j => j.RunAsync(batch, number, CancellationToken.None));
        }

        await Eventually(() => Enumerable.Range(0, count).All(i => RecordingJob.Runs.ContainsKey((batch, i))), "every job ran");
        // Time for a duplicate to show up, had one been taken twice.
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);

        var runs = Enumerable.Range(0, count).Select(i => RecordingJob.Runs[(batch, i)]).ToList();
        Assert.All(runs, r => Assert.Single(r));
        Assert.Equal(count, runs.Sum(r => r.Count));
    }

    [Fact]
    public async Task Start_TwoFreshNodesAtOnce_BothMigrateAndServeAndShareOneQueue()
    {
        // Both nodes apply the migrations and install Hangfire's schema on the empty database at the same time.
        await using var nodes = TwoNodes.Start(services: (name, s) => s.AddSingleton(new NodeName(name)), together: true);
        var ct = TestContext.Current.CancellationToken;
        foreach (var node in new[] { nodes.A, nodes.B })
        {
            using var http = node.Http();
            Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/", ct)).StatusCode);
        }

        var batch = Guid.NewGuid();
        for (var i = 0; i < 10; i++)
        {
            var number = i;
            (i % 2 == 0 ? nodes.A : nodes.B).Services.GetRequiredService<IBackgroundJobClient>().Enqueue<RecordingJob>(j => j.RunAsync(batch, number, CancellationToken.None));
        }

        await Eventually(() => Enumerable.Range(0, 10).All(i => RecordingJob.Runs.ContainsKey((batch, i))), "every job ran");
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        Assert.All(Enumerable.Range(0, 10), i => Assert.Single(RecordingJob.Runs[(batch, i)]));
    }

    [Fact]
    public async Task TryAcquire_HeldOnOtherNode_NullUntilReleased()
    {
        await using var nodes = TwoNodes.Start();
        var ct = TestContext.Current.CancellationToken;
        var onA = nodes.A.Services.GetRequiredService<IJobLocks>();
        var onB = nodes.B.Services.GetRequiredService<IJobLocks>();
        Assert.IsType<PostgresJobLocks>(onA);

        var held = await onA.TryAcquireAsync("conversation:1", ct);
        Assert.NotNull(held);
        Assert.Null(await onB.TryAcquireAsync("conversation:1", ct));
        Assert.Null(await onA.TryAcquireAsync("conversation:1", ct));
        // Another key is free.
        await using (var other = await onB.TryAcquireAsync("conversation:2", ct))
        {
            Assert.NotNull(other);
        }

        await held!.DisposeAsync();
        await using var taken = await onB.TryAcquireAsync("conversation:1", ct);
        Assert.NotNull(taken);
        Assert.Null(await onA.TryAcquireAsync("conversation:1", ct));
    }

    internal static async Task Eventually(Func<bool> condition, string what)
    {
        // A bound, not a timing assertion: jobs on a loaded 2-core machine can take seconds.
        for (var i = 0; i < 600; i++)
        {
            if (condition())
            {
                return;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Fail("Gave up waiting: " + what);
    }
}
