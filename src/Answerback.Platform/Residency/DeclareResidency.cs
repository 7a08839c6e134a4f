using Answerback.Platform.Areas;
using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Residency;

/// <summary>A declaration made: the areas (nearest first) the person now says they live in.</summary>
public sealed record Declaration(IReadOnlyList<Guid> AreaIds);

/// <summary>
/// Self-declared residency: the person says where they live and gives their postcode. Shown as
/// unverified. A person has one declared home: a new declaration replaces the previous one. Like a
/// verified residency, it covers the area and every area above it.
/// </summary>
public sealed class DeclareResidency(AnswerbackDbContext db, TimeProvider time)
{
    public async Task<Result<Declaration>> DeclareAsync(Guid personId, Guid areaId, string postcode, CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        var normalised = ResidencyHasher.NormalisePostcode(postcode ?? "");
        if (!ResidencyHasher.IsPostcode(normalised))
        {
            errors.Add(new FieldError("postcode", normalised.Length == 0 ? "Enter your postcode." : "Enter a UK postcode, like CB1 2AB."));
        }

        if (!await db.Areas.AnyAsync(a => a.Id == areaId, ct))
        {
            errors.Add(new FieldError("area", "Choose the area you live in."));
        }

        if (!await db.Users.AnyAsync(u => u.Id == personId, ct))
        {
            errors.Add(new FieldError("person", "The account does not exist."));
        }

        if (errors.Count > 0)
        {
            return Result.Failed<Declaration>(errors);
        }

        var areaIds = await AreaDirectory.WithAncestorsAsync(db, areaId, ct);
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Residencies.Where(r => r.PersonId == personId && r.Kind == ResidencyKind.SelfDeclared).ExecuteDeleteAsync(ct);
        foreach (var id in areaIds)
        {
            db.Residencies.Add(new Residency { Id = Guid.NewGuid(), PersonId = personId, AreaId = id, Kind = ResidencyKind.SelfDeclared, Postcode = normalised, CreatedAt = now });
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Result.Ok(new Declaration(areaIds));
    }
}
