using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Answerback.Platform.Conversations;

/// <summary>
/// A period's report: the figures and the map at the end of the period, and the statements the
/// organisation's response must address. The response is due <see cref="Conversation.ResponseDays"/>
/// after <see cref="PublishedAt"/>.
/// </summary>
public class Report
{
    public Guid Id { get; set; }

    public Guid ConversationId { get; set; }

    public Conversation? Conversation { get; set; }

    /// <summary>1, 2, 3... per conversation.</summary>
    public int Number { get; set; }

    public DateTimeOffset PeriodStart { get; set; }

    public DateTimeOffset PeriodEnd { get; set; }

    public DateTimeOffset PublishedAt { get; set; }

    /// <summary>When the response is due (published + the response commitment).</summary>
    public DateTimeOffset RespondBy { get; set; }

    /// <summary>The map the report shows (kept while a report refers to it).</summary>
    public Guid? MapId { get; set; }

    public int Participants { get; set; }

    public int Votes { get; set; }

    public int Groups { get; set; }

    /// <summary>The ids of the statements the response must address, comma-separated, in order.</summary>
    public string Highlighted { get; set; } = "";

    public IReadOnlyList<Guid> HighlightedIds =>
        [.. Highlighted.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => Guid.Parse(s, System.Globalization.CultureInfo.InvariantCulture))];
}

/// <summary>What the organisation decided on one highlighted statement.</summary>
public enum ResponseDecision
{
    Adopted = 1,

    /// <summary>Rejected, with the reason.</summary>
    Rejected = 2,

    /// <summary>Under consideration until a date.</summary>
    UnderConsideration = 3,
}

/// <summary>The organisation's published response to a report.</summary>
public class Response
{
    public Guid Id { get; set; }

    public Guid ReportId { get; set; }

    public string Text { get; set; } = "";

    public DateTimeOffset PublishedAt { get; set; }

    public Guid PublishedByPersonId { get; set; }

    public List<ResponsePoint> Points { get; set; } = [];
}

/// <summary>The decision on one highlighted statement of the report.</summary>
public class ResponsePoint
{
    public Guid Id { get; set; }

    public Guid ResponseId { get; set; }

    public Guid StatementId { get; set; }

    public ResponseDecision Decision { get; set; }

    /// <summary>Why it was rejected (required for <see cref="ResponseDecision.Rejected"/>), or a note.</summary>
    public string? Reason { get; set; }

    /// <summary>Until when it is under consideration (required for <see cref="ResponseDecision.UnderConsideration"/>).</summary>
    public DateOnly? Until { get; set; }
}

internal sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> builder)
    {
        builder.ToTable("ConversationReports");
        builder.Property(r => r.Highlighted).HasMaxLength(8000);
        builder.HasOne(r => r.Conversation).WithMany().HasForeignKey(r => r.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<MapSnapshot>().WithMany().HasForeignKey(r => r.MapId).OnDelete(DeleteBehavior.NoAction);
        builder.HasIndex(r => new { r.ConversationId, r.Number }).IsUnique();
        builder.Ignore(r => r.HighlightedIds);
    }
}

internal sealed class ResponseConfiguration : IEntityTypeConfiguration<Response>
{
    public void Configure(EntityTypeBuilder<Response> builder)
    {
        builder.ToTable("ConversationResponses");
        builder.Property(r => r.Text).HasMaxLength(20000);
        builder.HasOne<Report>().WithMany().HasForeignKey(r => r.ReportId).OnDelete(DeleteBehavior.Cascade);
        // One response per report: a second publication is refused, not appended.
        builder.HasIndex(r => r.ReportId).IsUnique();
        builder.HasMany(r => r.Points).WithOne().HasForeignKey(p => p.ResponseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ResponsePointConfiguration : IEntityTypeConfiguration<ResponsePoint>
{
    public void Configure(EntityTypeBuilder<ResponsePoint> builder)
    {
        builder.ToTable("ConversationResponsePoints");
        builder.Property(p => p.Reason).HasMaxLength(4000);
        builder.HasOne<Statement>().WithMany().HasForeignKey(p => p.StatementId).OnDelete(DeleteBehavior.NoAction);
    }
}
