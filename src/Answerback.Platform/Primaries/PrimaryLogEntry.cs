using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Answerback.Platform.Primaries;

/// <summary>The role in which someone (or the server's clock) made a change on a primary's public log.</summary>
public enum PrimaryRole
{
    Organiser = 1,

    Administrator = 2,

    /// <summary>The server's clock, following the published timetable.</summary>
    Timetable = 3,

    Candidate = 4,

    Moderator = 5,

    /// <summary>The server's count at the close.</summary>
    Count = 6,
}

/// <summary>
/// One change on a primary's public lifecycle log: when, what, and in which role (never who: the
/// log is public). Changes the timetable makes are not stored: <see cref="PrimaryQuery"/> adds them
/// from the published timetable, so the log cannot disagree with the clock.
/// </summary>
public class PrimaryLogEntry
{
    /// <summary>Increasing: orders entries made at the same instant.</summary>
    public long Id { get; set; }

    public Guid PrimaryId { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>What changed, in words, e.g. "Published" or "Candidate Ana Smith approved".</summary>
    public string Change { get; set; } = "";

    public PrimaryRole Role { get; set; }

    /// <summary>A new entry (added to the context by the caller, saved in the caller's transaction).</summary>
    public static PrimaryLogEntry Of(Guid primaryId, DateTimeOffset at, string change, PrimaryRole role)
        => new() { PrimaryId = primaryId, At = at, Change = change.Length > 300 ? change[..300] : change, Role = role };
}

internal sealed class PrimaryLogEntryConfiguration : IEntityTypeConfiguration<PrimaryLogEntry>
{
    public void Configure(EntityTypeBuilder<PrimaryLogEntry> builder)
    {
        builder.ToTable("PrimaryLogEntries");
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property(e => e.Change).HasMaxLength(300);
        builder.HasOne<Primary>().WithMany().HasForeignKey(e => e.PrimaryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.PrimaryId, e.At });
    }
}
