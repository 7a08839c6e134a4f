using Answerback.Platform.Accounts;
using Answerback.Platform.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Answerback.Platform.Residency;

/// <summary>Where a dispute stands.</summary>
public enum DisputeStatus
{
    /// <summary>The resident asked for a code; the organisation has not posted one yet.</summary>
    Requested = 1,

    /// <summary>A code was issued for posting to the address on the register.</summary>
    CodeIssued = 2,

    /// <summary>The code was entered: the entry moved to the requester; the other claim is flagged.</summary>
    Resolved = 3,

    /// <summary>Closed without the entry moving (too many wrong codes).</summary>
    Closed = 4,
}

/// <summary>
/// A resident's claim that a register entry held by another account is theirs. The organisation
/// whose register holds the entry posts a code to the register address; entering it takes the entry
/// back and flags the other account's claim for the moderators. The elector number and postcode are
/// kept in clear only while the dispute is open (the organiser needs them to find the address), and
/// erased when it ends.
/// </summary>
public class ResidencyDispute
{
    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    public Guid RegisterEntryId { get; set; }

    public Guid RequestedByPersonId { get; set; }

    /// <summary>The account that held the entry when the dispute was raised.</summary>
    public Guid? HolderPersonId { get; set; }

    public string ElectorNumber { get; set; } = "";

    public string Postcode { get; set; } = "";

    public DisputeStatus Status { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    /// <summary>Keyed hash of the code (never the code itself).</summary>
    public string? CodeHash { get; set; }

    public DateTimeOffset? CodeIssuedAt { get; set; }

    public int FailedCodeAttempts { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>Set when the code took the entry back: the displaced claim waits for a moderator's review.</summary>
    public bool FlaggedForModeration { get; set; }
}

internal sealed class ResidencyDisputeConfiguration : IEntityTypeConfiguration<ResidencyDispute>
{
    public void Configure(EntityTypeBuilder<ResidencyDispute> builder)
    {
        builder.ToTable("ResidencyDisputes");
        builder.Property(d => d.ElectorNumber).HasMaxLength(20);
        builder.Property(d => d.Postcode).HasMaxLength(10);
        builder.Property(d => d.CodeHash).HasMaxLength(64);
        builder.HasIndex(d => new { d.OrganisationId, d.Status });
        builder.HasIndex(d => new { d.RequestedByPersonId, d.Status });
        builder.HasOne<Organisation>().WithMany().HasForeignKey(d => d.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<RegisterEntry>().WithMany().HasForeignKey(d => d.RegisterEntryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(d => d.RequestedByPersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(d => d.HolderPersonId).OnDelete(DeleteBehavior.SetNull);
    }
}
