using Answerback.Platform.Areas;
using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Residency;

/// <summary>The one place that turns the register entries a person holds into their verified residencies.</summary>
internal static class ResidencyClaims
{
    /// <summary>
    /// Makes the person's verified residencies exactly the areas of the entries they hold and every
    /// area above them; returns those areas, the given entry areas' first (nearest first).
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> RebuildVerifiedAsync(AnswerbackDbContext db, Guid personId, DateTimeOffset now, CancellationToken ct)
    {
        var entryAreas = await db.RegisterEntries.Where(e => e.ClaimedByPersonId == personId).Select(e => e.AreaId).Distinct().ToListAsync(ct);
        var areaIds = new List<Guid>();
        foreach (var entryArea in entryAreas)
        {
            foreach (var id in await AreaDirectory.WithAncestorsAsync(db, entryArea, ct))
            {
                if (!areaIds.Contains(id))
                {
                    areaIds.Add(id);
                }
            }
        }

        var existing = await db.Residencies.Where(r => r.PersonId == personId && r.Kind == ResidencyKind.Verified).ToListAsync(ct);
        db.Residencies.RemoveRange(existing.Where(r => !areaIds.Contains(r.AreaId)));
        foreach (var id in areaIds.Where(id => !existing.Any(r => r.AreaId == id)))
        {
            db.Residencies.Add(new Residency { Id = Guid.NewGuid(), PersonId = personId, AreaId = id, Kind = ResidencyKind.Verified, CreatedAt = now });
        }

        await db.SaveChangesAsync(ct);
        return areaIds;
    }
}
