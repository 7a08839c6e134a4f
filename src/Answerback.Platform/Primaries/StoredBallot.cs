using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Answerback.Platform.Primaries;

/// <summary>
/// A cast ballot: its text in the board's form, its salt and its tracking code, and nothing else. No
/// person, credential or register entry, and no time (a schema test keeps it so). The key is a random
/// Guid, so the table's key order is not the order of casting. Salt and text are published at the close.
/// </summary>
public class StoredBallot
{
    /// <summary>Random (version 4), never sequential.</summary>
    public Guid Id { get; set; }

    public Guid PrimaryId { get; set; }

    /// <summary>The tracking code of its board entry.</summary>
    public string TrackingCode { get; set; } = "";

    /// <summary>The ballot's text (<see cref="BoardBallot.Text"/>).</summary>
    public string Text { get; set; } = "";

    /// <summary>The secret salt of its commitment, 32 lower-case hex characters.</summary>
    public string Salt { get; set; } = "";
}

internal sealed class StoredBallotConfiguration : IEntityTypeConfiguration<StoredBallot>
{
    public void Configure(EntityTypeBuilder<StoredBallot> builder)
    {
        builder.ToTable("PrimaryBallots");
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.TrackingCode).HasMaxLength(TrackingCodes.Length);
        builder.Property(b => b.Text).HasMaxLength(1000);
        builder.Property(b => b.Salt).HasMaxLength(BoardHashes.SaltLength);
        builder.HasIndex(b => new { b.PrimaryId, b.TrackingCode }).IsUnique();
        builder.HasOne<Primary>().WithMany().HasForeignKey(b => b.PrimaryId).OnDelete(DeleteBehavior.Cascade);
    }
}
