using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Answerback.Platform.Conversations;

/// <summary>Whether a statement is shown and voted on.</summary>
public enum StatementState
{
    Published = 1,

    /// <summary>
    /// Moderated out in the source of an import. Statements of this site are held and hidden by the
    /// Moderation capability instead (<see cref="StatementModeration"/>), which keeps the log.
    /// </summary>
    Hidden = 3,
}

/// <summary>A short statement of a conversation that participants agree or disagree with (a Pol.is "comment").</summary>
public class Statement
{
    /// <summary>The longest statement a participant may add.</summary>
    public const int MaxLength = 280;

    /// <summary>The longest an imported statement may be (other tools allow longer).</summary>
    public const int MaxImportedLength = 2000;

    public Guid Id { get; set; }

    public Guid ConversationId { get; set; }

    public Conversation? Conversation { get; set; }

    /// <summary>1, 2, 3... within the conversation: the statement's id in the map and in exports.</summary>
    public int Number { get; set; }

    public string Text { get; set; } = "";

    /// <summary>The person who added it; null for a seed statement or an imported one.</summary>
    public Guid? AuthorPersonId { get; set; }

    /// <summary>For an imported statement, the author's participant id in the source.</summary>
    public string? ImportedAuthor { get; set; }

    public bool IsSeed { get; set; }

    public StatementState State { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class StatementConfiguration : IEntityTypeConfiguration<Statement>
{
    public void Configure(EntityTypeBuilder<Statement> builder)
    {
        builder.ToTable("ConversationStatements");
        builder.Property(s => s.Text).HasMaxLength(Statement.MaxImportedLength);
        builder.Property(s => s.ImportedAuthor).HasMaxLength(64);
        builder.HasOne(s => s.Conversation).WithMany().HasForeignKey(s => s.ConversationId).OnDelete(DeleteBehavior.Cascade);
        // Numbers are given as max + 1; the unique index turns a race between two adds into a retry.
        builder.HasIndex(s => new { s.ConversationId, s.Number }).IsUnique();
    }
}
