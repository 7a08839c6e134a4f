using Answerback.Platform.Jobs;
using Answerback.Platform.Notifications;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Web.Tests.Jobs;

/// <summary>On SQLite, Hangfire keeps its jobs in a file beside the database (Hangfire.Storage.SQLite), so a restart loses none.</summary>
public sealed class SqliteJobStorageTests
{
    [Fact]
    public async Task Enqueued_AppStoppedBeforeItRan_RunsAfterTheRestart()
    {
        await using var database = TestDatabase.Create(TestProvider.Sqlite, "jobs-restart");
        var batch = Guid.NewGuid();
        // The first run of the app has no job server: it stops with the job still queued.
        var first = new WebNode("before", TwoNodes.NodeSettings(database, new Dictionary<string, string?> { ["Jobs:RunServer"] = "false" }), s => s.AddSingleton(new NodeName("before"))).Start();
        await using (first)
        {
            first.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<RecordingJob>(j => j.RunAsync(batch, 1, CancellationToken.None));
        }

        Assert.True(File.Exists(Path.Combine(database.DataFolder, "answerback-jobs.db")), "the jobs file sits beside answerback.db");
        Assert.False(RecordingJob.Runs.ContainsKey((batch, 1)));

        await using var restarted = new WebNode("after", TwoNodes.NodeSettings(database), s => s.AddSingleton(new NodeName("after"))).Start();
        await TwoNodeJobsTests.Eventually(() => RecordingJob.Runs.ContainsKey((batch, 1)), "the job queued before the restart ran");
        Assert.Equal(["after"], RecordingJob.Runs[(batch, 1)]);

        // The recurring jobs are registered in the same storage, once each.
        using var connection = restarted.Services.GetRequiredService<JobStorage>().GetConnection();
        var recurring = connection.GetRecurringJobs();
        Assert.Single(recurring, r => r.Id == DeliverQueuedEmail.SweepJobId);
        Assert.Equal(recurring.Count, recurring.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=shared;Mode=Memory;Cache=Shared")]
    public void InMemoryDatabase_JobsStayInMemory(string connectionString)
    {
        Assert.IsType<Hangfire.InMemory.InMemoryStorage>(JobsServiceCollectionExtensions.SqliteJobStorage(connectionString, new JobsOptions()));
    }

    [Fact]
    public void JobsFile_BesideTheDatabase()
    {
        var folder = Path.Combine(Path.GetTempPath(), "answerback-jobs-file");
        Assert.Equal(Path.Combine(folder, "site-jobs.db"), JobsServiceCollectionExtensions.JobsFile(Path.Combine(folder, "site.db")));
    }
}
