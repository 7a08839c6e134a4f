using Answerback.Platform.Areas;
using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Residency;

/// <summary>The outcome of an approval; <see cref="Changed"/> is false when it was already approved.</summary>
public sealed record ApproveRegisterHolderResult(IReadOnlyList<FieldError> Errors, bool Changed) : Result(Errors);

/// <summary>Approves an organisation as register holder for an area (administrators only: the caller checks).</summary>
public sealed class ApproveRegisterHolder(AnswerbackDbContext db, TimeProvider time)
{
    public async Task<ApproveRegisterHolderResult> ApproveAsync(string organisationSlug, string areaCode, Guid? approvedBy, CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == organisationSlug, ct);
        if (organisation is null)
        {
            errors.Add(new FieldError("organisation", $"No organisation has the address {organisationSlug}."));
        }

        var code = AreaCodes.Normalise(areaCode);
        var area = code is null ? null : await db.Areas.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code, ct);
        if (area is null)
        {
            errors.Add(new FieldError("area", $"No area has the code {areaCode}."));
        }

        if (errors.Count > 0)
        {
            return new ApproveRegisterHolderResult(errors, false);
        }

        if (await db.Set<RegisterHolder>().AnyAsync(h => h.OrganisationId == organisation!.Id && h.AreaId == area!.Id, ct))
        {
            return new ApproveRegisterHolderResult([], false);
        }

        db.Set<RegisterHolder>().Add(new RegisterHolder { Id = Guid.NewGuid(), OrganisationId = organisation!.Id, AreaId = area!.Id, ApprovedByPersonId = approvedBy, ApprovedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        return new ApproveRegisterHolderResult([], true);
    }
}

/// <summary>Which organisations' registers count where: the approved holders' areas and every area within them.</summary>
public sealed class RegisterAttestation(AnswerbackDbContext db)
{
    /// <summary>For each approved organisation, the areas its registers count for.</summary>
    public async Task<IReadOnlyDictionary<Guid, HashSet<Guid>>> CoverageAsync(CancellationToken ct = default)
    {
        var holders = await db.Set<RegisterHolder>().AsNoTracking().Select(h => new { h.OrganisationId, h.AreaId }).ToListAsync(ct);
        var coverage = new Dictionary<Guid, HashSet<Guid>>();
        if (holders.Count == 0)
        {
            return coverage;
        }

        var children = (await db.Areas.AsNoTracking().Where(a => a.ParentId != null).Select(a => new { a.Id, a.ParentId }).ToListAsync(ct))
            .ToLookup(a => a.ParentId!.Value, a => a.Id);
        foreach (var holder in holders)
        {
            if (!coverage.TryGetValue(holder.OrganisationId, out var areas))
            {
                coverage[holder.OrganisationId] = areas = [];
            }

            var pending = new Stack<Guid>([holder.AreaId]);
            while (pending.TryPop(out var id))
            {
                if (areas.Add(id))
                {
                    foreach (var child in children[id])
                    {
                        pending.Push(child);
                    }
                }
            }
        }

        return coverage;
    }

    /// <summary>True when the organisation's register counts for the area.</summary>
    public static bool Covers(IReadOnlyDictionary<Guid, HashSet<Guid>> coverage, Guid organisationId, Guid areaId)
    {
        ArgumentNullException.ThrowIfNull(coverage);
        return coverage.TryGetValue(organisationId, out var areas) && areas.Contains(areaId);
    }

    /// <summary>The registers backing a person's verification: each claimed entry's organisation and area, and whether it counts.</summary>
    public async Task<IReadOnlyList<VerificationBacking>> BackingAsync(Guid personId, CancellationToken ct = default)
    {
        var coverage = await CoverageAsync(ct);
        var claims = await (
            from e in db.RegisterEntries.AsNoTracking()
            join o in db.Organisations on e.OrganisationId equals o.Id
            join a in db.Areas on e.AreaId equals a.Id
            where e.ClaimedByPersonId == personId
            select new { e.OrganisationId, o.Name, o.Slug, e.AreaId, AreaName = a.Name }).ToListAsync(ct);
        return [.. claims.Select(c => new VerificationBacking(c.OrganisationId, c.Name, c.Slug, c.AreaId, c.AreaName, Covers(coverage, c.OrganisationId, c.AreaId)))
            .OrderBy(c => c.OrganisationName, StringComparer.Ordinal)];
    }
}

/// <summary>One register entry a person holds: whose register, which area, and whether it counts (an approved holder's).</summary>
public sealed record VerificationBacking(Guid OrganisationId, string OrganisationName, string OrganisationSlug, Guid AreaId, string AreaName, bool Attested);
