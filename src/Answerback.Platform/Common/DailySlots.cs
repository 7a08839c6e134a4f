using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Common;

/// <summary>
/// A per-person daily limit kept by the database: each row carries its UTC day and a slot from 1 to
/// the limit, and a unique index on (…, person, day, slot) refuses a second row in the same slot. A
/// request counts the slots used, takes the next, and when a parallel request (on any node) took it
/// first, counts again; so neither races nor retries pass the limit.
/// </summary>
public static class DailySlots
{
    /// <summary>The UTC day of <paramref name="now"/> as <see cref="DateOnly.DayNumber"/>.</summary>
    public static int Day(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime).DayNumber;

    /// <summary>
    /// Adds the row <paramref name="create"/> makes for the next free slot (1-based) and saves; null
    /// when all <paramref name="perDay"/> slots of the day are taken. <paramref name="used"/> counts the
    /// person's rows of the day.
    /// </summary>
    public static async Task<T?> TakeAsync<T>(AnswerbackDbContext db, int perDay, Func<Task<int>> used, Func<int, T> create, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(used);
        ArgumentNullException.ThrowIfNull(create);
        for (var attempt = 0; attempt < perDay; attempt++)
        {
            var taken = await used();
            if (taken >= perDay)
            {
                break;
            }

            var row = create(taken + 1);
            db.Add(row);
            try
            {
                await db.SaveChangesAsync(ct);
                return row;
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
            }
        }

        return null;
    }
}
