using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Answerback.Platform.Conversations;

/// <summary>
/// A participant's current vote on a statement: +1 agree, −1 disagree, 0 pass. One row per
/// participant and statement (the key), so a change of mind replaces the vote and counts stay exact.
/// </summary>
public class Vote
{
    public Guid StatementId { get; set; }

    /// <summary>
    /// Who voted: the person's id ("N" format) for people of this site, "polis:" and the source's id for
    /// an imported vote. Never shown: maps and exports number participants instead (<see cref="ConversationMatrix"/>).
    /// </summary>
    public string Participant { get; set; } = "";

    public Guid ConversationId { get; set; }

    public short Value { get; set; }

    /// <summary>When the participant first voted on this statement (it orders participants by joining).</summary>
    public DateTimeOffset FirstCastAt { get; set; }

    /// <summary>When the vote was last cast or changed.</summary>
    public DateTimeOffset CastAt { get; set; }

    /// <summary>The participant key of a person.</summary>
    public static string ParticipantOf(Guid personId) => personId.ToString("N");
}

internal sealed class VoteConfiguration : IEntityTypeConfiguration<Vote>
{
    public void Configure(EntityTypeBuilder<Vote> builder)
    {
        builder.ToTable("ConversationVotes");
        builder.HasKey(v => new { v.StatementId, v.Participant });
        builder.Property(v => v.Participant).HasMaxLength(80);
        builder.HasOne<Statement>().WithMany().HasForeignKey(v => v.StatementId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Conversation>().WithMany().HasForeignKey(v => v.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(v => new { v.ConversationId, v.Participant });
        builder.HasIndex(v => new { v.ConversationId, v.CastAt });
    }
}
