using Answerback.Platform.Areas;
using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Residency;

/// <summary>The outcome of a declaration.</summary>
public sealed record DeclarationResult(IReadOnlyList<FieldError> Errors, IReadOnlyList<Guid> AreaIds)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Self-declared residency: the person says where they live and gives their postcode. Shown as
/// unverified. A person has one declared home: a new declaration replaces the previous one. Like a
/// verified residency, it covers the area and every area above it.
/// </summary>
public sealed class DeclareResidency(AnswerbackDbContext db, TimeProvider time)
{
    public async Task<DeclarationResult> DeclareAsync(Guid personId, Guid areaId, string postcode, CancellationToken ct = default)
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
            return new DeclarationResult(errors, []);
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
        return new DeclarationResult([], areaIds);
    }
}
