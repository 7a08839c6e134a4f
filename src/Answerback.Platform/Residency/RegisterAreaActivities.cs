using Answerback.Platform.Areas;
using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Residency;

/// <summary>Residency's part of an area's "what happens here": each organisation whose register covers the area.</summary>
internal sealed class RegisterAreaActivities(AnswerbackDbContext db) : IAreaActivities
{
    public async Task<IReadOnlyList<AreaActivity>> InAreaAsync(Guid areaId, CancellationToken ct)
        => (await db.Organisations.AsNoTracking()
                .Where(o => db.RegisterEntries.Any(e => e.AreaId == areaId && e.OrganisationId == o.Id))
                .Select(o => new { o.Slug, o.Name }).ToListAsync(ct))
            .Select(o => new AreaActivity("Residency verification against the electoral register", o.Slug, o.Name))
            .ToList();
}
