using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.RateLimits;

/// <summary>
/// The recurring clean-up (Hangfire, every 15 minutes): deletes the windows that have ended. Expired
/// rows never change a decision (a new window is a new row), so this only keeps the table small.
/// </summary>
public sealed class DeleteExpiredRateLimitWindows(AnswerbackDbContext db, TimeProvider time)
{
    public const string JobId = "rate-limits:delete-expired";

    /// <summary>Deletes every window that ended at or before now; returns how many.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        return await db.Set<RateLimitWindow>().Where(w => w.Ends <= now).ExecuteDeleteAsync(ct);
    }
}
