using Answerback.Platform.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Answerback.Platform.Primaries;

/// <summary>Where a nomination stands.</summary>
public enum CandidateStatus
{
    /// <summary>Nominated (by themselves or someone else); waiting for the nominee's acceptance and an organiser's approval.</summary>
    Nominated = 1,

    /// <summary>Approved by an organiser: on the ballot, numbered by <see cref="Candidate.OrderNumber"/>.</summary>
    Approved = 2,

    /// <summary>Withdrawn by the candidate or an organiser before voting opened.</summary>
    Withdrawn = 3,
}

/// <summary>
/// A person nominated in a primary. Approved candidates are numbered 1, 2, 3... in the published
/// order (alphabetical by name, renumbered at each approval or withdrawal, fixed once voting opens):
/// the bulletin board's ballots refer to these numbers.
/// </summary>
public class Candidate
{
    public Guid Id { get; set; }

    public Guid PrimaryId { get; set; }

    public Guid PersonId { get; set; }

    public CandidateStatus Status { get; set; }

    /// <summary>The 1-based published order number; set exactly while <see cref="Status"/> is <see cref="CandidateStatus.Approved"/>.</summary>
    public int? OrderNumber { get; set; }

    /// <summary>The candidate's statement, Markdown (rendered sanitised by <see cref="Common.MarkdownText"/>).</summary>
    public string Statement { get; set; } = "";

    /// <summary>Who nominated (the candidate themselves for a self-nomination).</summary>
    public Guid NominatedByPersonId { get; set; }

    public DateTimeOffset NominatedAt { get; set; }

    /// <summary>When the nominee accepted (at once for a self-nomination): nobody is put on a ballot without consent.</summary>
    public DateTimeOffset? AcceptedAt { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }

    public DateTimeOffset? WithdrawnAt { get; set; }
}

internal sealed class CandidateConfiguration : IEntityTypeConfiguration<Candidate>
{
    public void Configure(EntityTypeBuilder<Candidate> builder)
    {
        builder.ToTable("Candidates");
        builder.Property(c => c.Statement).HasMaxLength(Nominations.MaxStatementLength);
        builder.HasOne<Primary>().WithMany().HasForeignKey(c => c.PrimaryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.PrimaryId, c.PersonId }).IsUnique();
    }
}
