namespace Answerback.Platform.Jobs;

/// <summary>The <c>Jobs</c> section: whether this node runs background jobs, and how often it looks for them.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Run the Hangfire server in this web host (default true). A node with false only enqueues.</summary>
    public bool RunServer { get; set; } = true;

    /// <summary>Workers per node (default 4): jobs are short, and the machine is shared with the web requests.</summary>
    public int WorkerCount { get; set; } = 4;

    /// <summary>How often an idle worker looks for queued jobs on PostgreSQL (default 5 s; tests use less). New jobs also wake workers through LISTEN/NOTIFY.</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often scheduled (delayed) and recurring jobs are checked (default 15 s; tests use less).</summary>
    public TimeSpan SchedulePollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The PostgreSQL schema Hangfire creates and owns (default <c>hangfire</c>).</summary>
    public string PostgresSchema { get; set; } = "hangfire";
}
