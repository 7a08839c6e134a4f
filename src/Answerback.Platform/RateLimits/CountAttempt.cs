using System.Security.Cryptography;
using System.Text;
using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.RateLimits;

/// <summary>An attempt counted: whether it is within the limit, the window's count with it, and when the window ends.</summary>
public sealed record AttemptCounted(bool Allowed, int Count, DateTimeOffset WindowEnds)
{
    /// <summary>Whole seconds until the window ends (at least 1), for a <c>Retry-After</c> header.</summary>
    public int RetryAfterSeconds(DateTimeOffset now) => (int)Math.Max(1, Math.Ceiling((WindowEnds - now).TotalSeconds));
}

/// <summary>
/// Counts one attempt against a limit, in the database, so that every web node on it shares the
/// count (an in-memory limiter gives N nodes N times the permits). Fixed windows: the window is the
/// current multiple of the limit's length since the Unix epoch, and one atomic upsert (<c>INSERT … ON
/// CONFLICT DO UPDATE SET Count = Count + 1 RETURNING Count</c>, the same text on PostgreSQL and on
/// SQLite ≥ 3.35) creates or increments its row and returns the count, so parallel attempts on any
/// node each get their own number and no more than the limit are allowed. Refused attempts count too
/// (they are attempts), which only keeps a hammering client refused until the window ends.
/// </summary>
/// <remarks>
/// The statement runs on the request's connection outside any transaction (the callers count before
/// the use case starts its own), so a request that fails afterwards still counted.
/// </remarks>
public sealed class CountAttempt(AnswerbackDbContext db, TimeProvider time)
{
    public async Task<AttemptCounted> RunAsync(RateLimit limit, string partition, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(limit);
        ArgumentNullException.ThrowIfNull(partition);
        var length = (long)limit.Window.TotalSeconds;
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var start = now - (now % length);
        var ends = start + length;
        var key = Key(limit, partition);
        var counts = await db.Database.SqlQuery<int>($"""
            INSERT INTO "RateLimitWindows" AS w ("Key", "Start", "Ends", "Count") VALUES ({key}, {start}, {ends}, 1)
            ON CONFLICT ("Key", "Start") DO UPDATE SET "Count" = w."Count" + 1
            RETURNING "Count" AS "Value"
            """).ToListAsync(ct);
        var count = counts.Single();
        return new AttemptCounted(count <= limit.Permits, count, DateTimeOffset.FromUnixTimeSeconds(ends));
    }

    /// <summary>
    /// The row's key: the limit's name and the first 128 bits of the partition's SHA-256, so that a
    /// user's string (an email address typed, a host name) never becomes a key of unbounded length.
    /// </summary>
    public static string Key(RateLimit limit, string partition)
    {
        ArgumentNullException.ThrowIfNull(limit);
        ArgumentNullException.ThrowIfNull(partition);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(partition), hash);
        return limit.Name + ":" + Convert.ToHexStringLower(hash[..16]);
    }
}
