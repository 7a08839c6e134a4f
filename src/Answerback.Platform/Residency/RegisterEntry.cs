using Answerback.Platform.Accounts;
using Answerback.Platform.Areas;
using Answerback.Platform.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Answerback.Platform.Residency;

/// <summary>
/// One elector from an uploaded register extract. Only a keyed hash of the normalised elector number
/// and postcode is stored (see <see cref="ResidencyHasher"/>); names and other columns are never kept.
/// </summary>
public class RegisterEntry
{
    public Guid Id { get; set; }

    public Guid AreaId { get; set; }

    /// <summary>The organisation that uploaded the register.</summary>
    public Guid OrganisationId { get; set; }

    /// <summary>HMAC-SHA256 of the normalised elector number and postcode, lower-case hex (64 characters). Unique per area and organisation.</summary>
    public string Hash { get; set; } = "";

    /// <summary>The account this entry verified, if any: an entry backs at most one account.</summary>
    public Guid? ClaimedByPersonId { get; set; }

    public DateTimeOffset? ClaimedAt { get; set; }

    public DateTimeOffset ImportedAt { get; set; }
}

internal sealed class RegisterEntryConfiguration : IEntityTypeConfiguration<RegisterEntry>
{
    public void Configure(EntityTypeBuilder<RegisterEntry> builder)
    {
        builder.Property(e => e.Hash).HasMaxLength(64).IsFixedLength(false);
        // Per organisation: each organisation's register can attest the same elector, and an upload by one
        // organisation never blocks another's.
        builder.HasIndex(e => new { e.AreaId, e.OrganisationId, e.Hash }).IsUnique();
        // Verification looks an entry up by hash alone (the person does not say which area).
        builder.HasIndex(e => e.Hash);
        builder.HasIndex(e => e.ClaimedByPersonId);
        builder.HasOne<Area>().WithMany().HasForeignKey(e => e.AreaId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(e => e.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(e => e.ClaimedByPersonId).OnDelete(DeleteBehavior.SetNull);
    }
}
