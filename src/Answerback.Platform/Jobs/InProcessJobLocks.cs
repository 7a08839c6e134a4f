using System.Collections.Concurrent;

namespace Answerback.Platform.Jobs;

/// <summary>Locks for SQLite, which is one node by nature: a semaphore per key in this process.</summary>
public sealed class InProcessJobLocks : IJobLocks
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> locks = new(StringComparer.Ordinal);

    public Task<IAsyncDisposable?> TryAcquireAsync(string key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(key);
        ct.ThrowIfCancellationRequested();
        // One semaphore per key, kept: keys are few (one per conversation or email) and tiny.
        var semaphore = locks.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        return Task.FromResult<IAsyncDisposable?>(semaphore.Wait(0, CancellationToken.None) ? new Held(semaphore) : null);
    }

    private sealed class Held(SemaphoreSlim semaphore) : IAsyncDisposable
    {
        private int released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                semaphore.Release();
            }

            return ValueTask.CompletedTask;
        }
    }
}
