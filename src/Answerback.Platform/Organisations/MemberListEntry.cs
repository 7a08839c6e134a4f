using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Answerback.Platform.Organisations;

/// <summary>A member of an organisation, known only by a keyed hash of their normalised email address.</summary>
public class MemberListEntry
{
    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    /// <summary>HMAC-SHA256 of the trimmed, lower-cased email address, lower-case hex.</summary>
    public string EmailHash { get; set; } = "";
}

internal sealed class MemberListEntryConfiguration : IEntityTypeConfiguration<MemberListEntry>
{
    public void Configure(EntityTypeBuilder<MemberListEntry> builder)
    {
        builder.Property(m => m.EmailHash).HasMaxLength(64);
        builder.HasIndex(m => new { m.OrganisationId, m.EmailHash }).IsUnique();
        builder.HasIndex(m => m.EmailHash);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}
