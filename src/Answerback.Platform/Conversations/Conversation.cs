using Answerback.Platform.Areas;
using Answerback.Platform.Moderation;
using Answerback.Platform.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Answerback.Platform.Conversations;

/// <summary>
/// A policy conversation an organisation runs: a question people answer by voting on short
/// statements, mapped into opinion groups, reported each period, and answered by the organisation
/// within <see cref="ResponseDays"/> of each report.
/// </summary>
public class Conversation
{
    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public Guid? AreaId { get; set; }

    public Area? Area { get; set; }

    /// <summary>The topic, e.g. "Homes in South Cambridge".</summary>
    public string Topic { get; set; } = "";

    public string Question { get; set; } = "";

    /// <summary>The background as the organiser wrote it (Markdown).</summary>
    public string BackgroundMarkdown { get; set; } = "";

    /// <summary>The background rendered and sanitised once, when written (<see cref="Common.MarkdownText"/>).</summary>
    public string BackgroundHtml { get; set; } = "";

    /// <summary>Who may vote: an <see cref="Eligibility.EligibilityRule"/> as JSON.</summary>
    public string VoteRule { get; set; } = "";

    /// <summary>Who may add statements: an <see cref="Eligibility.EligibilityRule"/> as JSON.</summary>
    public string AddRule { get; set; } = "";

    /// <summary>When voting ends; null for a continuous conversation.</summary>
    public DateTimeOffset? EndsAt { get; set; }

    /// <summary>A report is published every this many days from <see cref="OpenedAt"/>.</summary>
    public int ReportPeriodDays { get; set; }

    public ModerationPolicy Moderation { get; set; }

    /// <summary>The organisation commits to respond within this many days of each report.</summary>
    public int ResponseDays { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>Imported from another tool (a Pol.is export): read-only, with <see cref="Attribution"/>.</summary>
    public bool IsImported { get; set; }

    /// <summary>Where imported data came from and under which licence, shown wherever it is.</summary>
    public string? Attribution { get; set; }

    /// <summary>
    /// Raised by one with every vote written (<see cref="CastVote"/>, in the same transaction as the vote row, so
    /// the numbers follow the order in which votes commit). A map records the value it was computed from
    /// (<see cref="MapSnapshot.VoteSequence"/>); it is stale when this is higher, whatever the clock said.
    /// </summary>
    public long VoteSequence { get; set; }

    /// <summary>Whether people can still vote and add statements at <paramref name="now"/>.</summary>
    public bool IsOpenAt(DateTimeOffset now) => IsOpen(IsImported, EndsAt, now);

    /// <summary>The one rule of when a conversation takes votes and statements.</summary>
    public static bool IsOpen(bool imported, DateTimeOffset? endsAt, DateTimeOffset now) => !imported && (endsAt is null || now < endsAt);
}

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.Property(c => c.Topic).HasMaxLength(200);
        builder.Property(c => c.Question).HasMaxLength(500);
        builder.Property(c => c.BackgroundMarkdown).HasMaxLength(20000);
        builder.Property(c => c.BackgroundHtml).HasMaxLength(60000);
        builder.Property(c => c.VoteRule).HasMaxLength(4000);
        builder.Property(c => c.AddRule).HasMaxLength(4000);
        builder.Property(c => c.Attribution).HasMaxLength(2000);
        builder.HasOne(c => c.Organisation).WithMany().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(c => c.Area).WithMany().HasForeignKey(c => c.AreaId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.OrganisationId);
        builder.HasIndex(c => c.AreaId);
    }
}
