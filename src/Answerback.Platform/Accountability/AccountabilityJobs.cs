using Answerback.Platform.Jobs;
using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.Hosting;

namespace Answerback.Platform.Accountability;

/// <summary>Puts Accountability's background work on the job engine; never run on the request path.</summary>
public interface IAccountabilityJobs
{
    /// <summary>Runs <see cref="ImportPosts.RunAsync"/> for the import in the background.</summary>
    void EnqueueImport(Guid importId);

    /// <summary>Runs <see cref="RecomputeAudit.RunAsync"/> in the background (after a note changes what is scored).</summary>
    void EnqueueRecompute();
}

/// <summary>
/// Accountability's jobs on Hangfire (clustered on PostgreSQL: each job runs once, on any node; the
/// uploaded file is kept in the database's <see cref="Imports.UploadStore"/>, so no folder is shared). The jobs take ids only.
/// </summary>
internal sealed class HangfireAccountabilityJobs(IBackgroundJobClient jobs) : IAccountabilityJobs
{
    public void EnqueueImport(Guid importId) => jobs.Enqueue<AccountabilityJobRunner>(r => r.ImportAsync(importId, null, CancellationToken.None));

    public void EnqueueRecompute() => jobs.Enqueue<AccountabilityJobRunner>(r => r.RecomputeAsync(CancellationToken.None));
}

/// <summary>
/// The job bodies. The scorecards are one precomputed set for the whole registry, so at most one
/// recompute runs at a time across nodes (<see cref="IJobLocks"/>); a recompute that finds another
/// running is scheduled again, so posts committed after the running one read its input are counted.
/// </summary>
public sealed class AccountabilityJobRunner(ImportPosts import, RecomputeAudit recompute, IJobLocks locks, IBackgroundJobClient jobs)
{
    internal const string RecomputeLock = "accountability-recompute";

    /// <summary>How often Hangfire retries an import that failed on our side (not on bad input) before giving up.</summary>
    public const int ImportRetries = 3;

    /// <summary>Imports one queued file (idempotent: a retried or repeated job adds nothing), then recomputes.</summary>
    public Task ImportAsync(Guid importId, CancellationToken ct) => ImportAsync(importId, null, ct);

    /// <summary>
    /// The Hangfire job: as <see cref="ImportAsync(Guid, CancellationToken)"/>, and the uploaded file is
    /// kept after an unexpected failure while Hangfire will retry (<paramref name="context"/> says which attempt).
    /// </summary>
    [AutomaticRetry(Attempts = ImportRetries)]
    public async Task ImportAsync(Guid importId, PerformContext? context, CancellationToken ct)
    {
        var lastAttempt = context is null || context.GetJobParameter<int>("RetryCount") >= ImportRetries;
        if (await import.ImportAsync(importId, lastAttempt, ct))
        {
            await RecomputeAsync(ct);
        }
    }

    /// <summary>Recomputes every scorecard and campaign, unless another node is doing so (then later).</summary>
    public async Task RecomputeAsync(CancellationToken ct)
    {
        await using var held = await locks.TryAcquireAsync(RecomputeLock, ct);
        if (held is null)
        {
            jobs.Schedule<AccountabilityJobRunner>(r => r.RecomputeAsync(CancellationToken.None), TimeSpan.FromSeconds(5));
            return;
        }

        await recompute.RunAsync(ct);
    }
}

/// <summary>Accountability's recurring job, registered at start-up (idempotent: every node does it, Hangfire keeps one schedule): the questions' follow-up emails, hourly.</summary>
internal sealed class AccountabilitySchedule(IRecurringJobManager recurring) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<QuestionFollowUps>(QuestionFollowUps.JobId, f => f.SendDueAsync(CancellationToken.None), Cron.Hourly());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
