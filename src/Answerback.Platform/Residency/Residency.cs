using Answerback.Platform.Accounts;
using Answerback.Platform.Areas;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Answerback.Platform.Residency;

/// <summary>How a residency was established.</summary>
public enum ResidencyKind
{
    /// <summary>Backed by an entry of the electoral register.</summary>
    Verified = 1,

    /// <summary>Declared by the person with a postcode; shown as unverified.</summary>
    SelfDeclared = 2,
}

/// <summary>A person lives in an area (verified against the register, or self-declared).</summary>
public class Residency
{
    public Guid Id { get; set; }

    public Guid PersonId { get; set; }

    public Guid AreaId { get; set; }

    public ResidencyKind Kind { get; set; }

    /// <summary>The postcode the person declared (self-declared residencies only; never stored for verified ones).</summary>
    public string? Postcode { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class ResidencyConfiguration : IEntityTypeConfiguration<Residency>
{
    public void Configure(EntityTypeBuilder<Residency> builder)
    {
        builder.Property(r => r.Postcode).HasMaxLength(10);
        builder.HasIndex(r => new { r.PersonId, r.AreaId, r.Kind }).IsUnique();
        builder.HasIndex(r => new { r.AreaId, r.Kind });
        builder.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Area>().WithMany().HasForeignKey(r => r.AreaId).OnDelete(DeleteBehavior.Cascade);
    }
}
