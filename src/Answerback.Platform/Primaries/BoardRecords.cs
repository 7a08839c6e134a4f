using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Answerback.Platform.Primaries;

/// <summary>One stored entry of a primary's board: n, the tracking code, the commitment and h(n).</summary>
public class BoardRecord
{
    public Guid PrimaryId { get; set; }

    public int Sequence { get; set; }

    public string TrackingCode { get; set; } = "";

    public string Commitment { get; set; } = "";

    public string Hash { get; set; } = "";
}

internal sealed class BoardRecordConfiguration : IEntityTypeConfiguration<BoardRecord>
{
    public void Configure(EntityTypeBuilder<BoardRecord> builder)
    {
        builder.ToTable("PrimaryBoardEntries");
        // The key is the sequence, so a second entry n can never be stored: with the head row's lock
        // this keeps the numbering gapless and unique.
        builder.HasKey(e => new { e.PrimaryId, e.Sequence });
        builder.Property(e => e.TrackingCode).HasMaxLength(TrackingCodes.Length);
        builder.Property(e => e.Commitment).HasMaxLength(BoardHashes.HashLength);
        builder.Property(e => e.Hash).HasMaxLength(BoardHashes.HashLength);
        builder.HasIndex(e => new { e.PrimaryId, e.TrackingCode }).IsUnique();
        builder.HasOne<Primary>().WithMany().HasForeignKey(e => e.PrimaryId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// A ballot accepted but not yet on the board: its tracking code and commitment, written in the cast's
/// own transaction (with the ballot and the used credential) and deleted when <see cref="AppendToBoard"/>
/// appends it, in a shuffled batch. No time, no order (the key is the random tracking code), and no
/// reference to a person, credential or ballot row, so it says no more than its board entry will.
/// </summary>
public class PendingBoardEntry
{
    public Guid PrimaryId { get; set; }

    public string TrackingCode { get; set; } = "";

    public string Commitment { get; set; } = "";
}

internal sealed class PendingBoardEntryConfiguration : IEntityTypeConfiguration<PendingBoardEntry>
{
    public void Configure(EntityTypeBuilder<PendingBoardEntry> builder)
    {
        builder.ToTable("PrimaryBoardPending");
        builder.HasKey(e => new { e.PrimaryId, e.TrackingCode });
        builder.Property(e => e.TrackingCode).HasMaxLength(TrackingCodes.Length);
        builder.Property(e => e.Commitment).HasMaxLength(BoardHashes.HashLength);
        builder.HasOne<Primary>().WithMany().HasForeignKey(e => e.PrimaryId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// The head of a primary's board: the entry count and h(count). Its row is the chain's serial point
/// (<see cref="BoardAppender"/>): a batch of appends locks it exclusively, a cast only shares it, so
/// that the count's seal waits for casts in flight and no cast gets past it.
/// </summary>
public class BoardHead
{
    public Guid PrimaryId { get; set; }

    public int Count { get; set; }

    public string Hash { get; set; } = "";

    /// <summary>True once the count has sealed the board: no entry can be appended after it.</summary>
    public bool Sealed { get; set; }
}

internal sealed class BoardHeadConfiguration : IEntityTypeConfiguration<BoardHead>
{
    public void Configure(EntityTypeBuilder<BoardHead> builder)
    {
        builder.ToTable("PrimaryBoardHeads");
        builder.HasKey(h => h.PrimaryId);
        builder.Property(h => h.PrimaryId).ValueGeneratedNever();
        builder.Property(h => h.Hash).HasMaxLength(BoardHashes.HashLength);
        builder.HasOne<Primary>().WithOne().HasForeignKey<BoardHead>(h => h.PrimaryId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>A checkpoint the board published during voting (kept for ever).</summary>
public class PublishedCheckpoint
{
    public Guid Id { get; set; }

    public Guid PrimaryId { get; set; }

    public int Count { get; set; }

    public string Hash { get; set; } = "";

    public DateTimeOffset PublishedAt { get; set; }
}

internal sealed class PublishedCheckpointConfiguration : IEntityTypeConfiguration<PublishedCheckpoint>
{
    public void Configure(EntityTypeBuilder<PublishedCheckpoint> builder)
    {
        builder.ToTable("PrimaryBoardCheckpoints");
        builder.Property(c => c.Hash).HasMaxLength(BoardHashes.HashLength);
        builder.HasIndex(c => new { c.PrimaryId, c.PublishedAt });
        builder.HasOne<Primary>().WithMany().HasForeignKey(c => c.PrimaryId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>A primary's published result: the engine's JSON report of the count at the close.</summary>
public class PrimaryResult
{
    public Guid PrimaryId { get; set; }

    /// <summary>The counting engine's JSON report (<c>ReportWriter.WriteJson</c>).</summary>
    public string ReportJson { get; set; } = "";

    public DateTimeOffset CountedAt { get; set; }
}

internal sealed class PrimaryResultConfiguration : IEntityTypeConfiguration<PrimaryResult>
{
    public void Configure(EntityTypeBuilder<PrimaryResult> builder)
    {
        builder.ToTable("PrimaryResults");
        builder.HasKey(r => r.PrimaryId);
        builder.Property(r => r.PrimaryId).ValueGeneratedNever();
        builder.HasOne<Primary>().WithOne().HasForeignKey<PrimaryResult>(r => r.PrimaryId).OnDelete(DeleteBehavior.Cascade);
    }
}
