namespace Answerback.Platform.Jobs;

/// <summary>
/// "At most one at a time per key, across every node": e.g. one map recompute per conversation, one
/// sender per queued email. Not a queue: a caller that does not get the lock skips (or reschedules).
/// </summary>
public interface IJobLocks
{
    /// <summary>The lock for <paramref name="key"/>, held until disposed; null when someone else holds it now.</summary>
    Task<IAsyncDisposable?> TryAcquireAsync(string key, CancellationToken ct);
}
