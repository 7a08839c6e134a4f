using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Answerback.Platform.Conversations;

/// <summary>
/// One computed opinion map of a conversation, stored so that pages never compute: the engine's JSON
/// report (participants numbered, never named), the SVG of the groups, and what it was computed from.
/// </summary>
public class MapSnapshot
{
    public Guid Id { get; set; }

    public Guid ConversationId { get; set; }

    /// <summary>1, 2, 3... per conversation; the live-update message is this number.</summary>
    public int Version { get; set; }

    public DateTimeOffset ComputedAt { get; set; }

    /// <summary>
    /// The conversation's <see cref="Conversation.VoteSequence"/> read before the votes were loaded: every
    /// vote up to it is in this map, and the map is stale once the conversation's sequence is higher.
    /// </summary>
    public long VoteSequence { get; set; }

    public int Participants { get; set; }

    public int Votes { get; set; }

    public int Groups { get; set; }

    /// <summary>The engine's JSON report (<c>OpinionMapReport.WriteJson</c>): participants, groups, consensus, statements.</summary>
    public string Json { get; set; } = "";

    /// <summary>Each participant key's group (JSON object), for "you are in group B"; never shown or exported.</summary>
    public string ParticipantGroups { get; set; } = "";

    /// <summary>The statements' states the map was computed from ("published/hidden" counts): a moderation decision makes it stale.</summary>
    public string StatementSignature { get; set; } = "";

    /// <summary>The map drawn as SVG: groups as circles sized by members.</summary>
    public string Svg { get; set; } = "";
}

internal sealed class MapSnapshotConfiguration : IEntityTypeConfiguration<MapSnapshot>
{
    public void Configure(EntityTypeBuilder<MapSnapshot> builder)
    {
        builder.ToTable("ConversationMaps");
        builder.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.ConversationId, m.Version }).IsUnique();
        builder.Property(m => m.StatementSignature).HasMaxLength(100);
    }
}
