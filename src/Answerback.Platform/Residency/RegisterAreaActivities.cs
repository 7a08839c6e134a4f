using Answerback.Platform.Areas;
using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Residency;

/// <summary>
/// Residency's part of an area's "what happens here": each organisation whose register covers the
/// area, saying whether it is an approved register holder (only then do its verifications count).
/// </summary>
internal sealed class RegisterAreaActivities(AnswerbackDbContext db, RegisterAttestation attestation) : IAreaActivities
{
    public async Task<IReadOnlyList<AreaActivity>> InAreaAsync(Guid areaId, CancellationToken ct)
    {
        var coverage = await attestation.CoverageAsync(ct);
        return (await db.Organisations.AsNoTracking()
                .Where(o => db.RegisterEntries.Any(e => e.AreaId == areaId && e.OrganisationId == o.Id))
                .Select(o => new { o.Id, o.Slug, o.Name }).ToListAsync(ct))
            .Select(o => new AreaActivity(
                RegisterAttestation.Covers(coverage, o.Id, areaId)
                    ? "Residency verification against the electoral register (an approved register holder)"
                    : "A register upload not approved by the site's administrators (its verifications are not counted)",
                o.Slug, o.Name))
            .ToList();
    }
}

/// <summary>
/// The public count of an area's verified residents: people holding an entry, in the area or an area
/// within it, of an approved register holder's register. An invented register adds nobody.
/// </summary>
internal sealed class AttestedResidents(AnswerbackDbContext db, RegisterAttestation attestation) : IVerifiedResidents
{
    public async Task<int> CountAsync(Guid areaId, CancellationToken ct)
    {
        var relevant = (await attestation.CoverageAsync(ct)).Where(c => c.Value.Contains(areaId)).ToList();
        if (relevant.Count == 0)
        {
            return 0;
        }

        var parents = await db.Areas.AsNoTracking().Select(a => new { a.Id, a.ParentId }).ToDictionaryAsync(a => a.Id, a => a.ParentId, ct);
        bool IsWithin(Guid id)
        {
            for (Guid? current = id; current is { } c; current = parents.GetValueOrDefault(c))
            {
                if (c == areaId)
                {
                    return true;
                }
            }

            return false;
        }

        var people = new HashSet<Guid>();
        foreach (var (organisationId, covered) in relevant)
        {
            var within = covered.Where(IsWithin).ToList();
            people.UnionWith(await db.RegisterEntries.AsNoTracking()
                .Where(e => e.OrganisationId == organisationId && e.ClaimedByPersonId != null && within.Contains(e.AreaId))
                .Select(e => e.ClaimedByPersonId!.Value).Distinct().ToListAsync(ct));
        }

        return people.Count;
    }
}
