using Answerback.Platform.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Answerback.Platform.Primaries;

/// <summary>
/// A public question to a primary's candidates. Questions are never deleted or edited (a moderator
/// may hide one, with a reason, on the moderation log). <see cref="Day"/> and <see cref="Slot"/>
/// enforce the daily limit in the database: a unique index on (primary, author, day, slot) with
/// slots 1 to the limit means no race, node or retry can add a fourth question in a day.
/// </summary>
public class HustingsQuestion
{
    public Guid Id { get; set; }

    public Guid PrimaryId { get; set; }

    public Guid AuthorPersonId { get; set; }

    public string Text { get; set; } = "";

    public DateTimeOffset AskedAt { get; set; }

    /// <summary>The UTC day asked, as days since 1 January 0001 (<see cref="DateOnly.DayNumber"/>).</summary>
    public int Day { get; set; }

    /// <summary>1 to <see cref="AskQuestion.PerDay"/>: which of the author's questions of that day this is.</summary>
    public int Slot { get; set; }
}

/// <summary>One person's support for one question (at most one: a unique index); withdrawing deletes it.</summary>
public class HustingsSupport
{
    public Guid Id { get; set; }

    public Guid QuestionId { get; set; }

    public Guid PersonId { get; set; }

    public DateTimeOffset At { get; set; }
}

/// <summary>A candidate's public answer to a question (one per candidate and question; it may be revised).</summary>
public class HustingsAnswer
{
    public Guid Id { get; set; }

    public Guid QuestionId { get; set; }

    public Guid CandidateId { get; set; }

    /// <summary>Markdown, rendered sanitised.</summary>
    public string Text { get; set; } = "";

    public DateTimeOffset AnsweredAt { get; set; }

    /// <summary>When the answer was last revised (null: never).</summary>
    public DateTimeOffset? RevisedAt { get; set; }
}

internal sealed class HustingsQuestionConfiguration : IEntityTypeConfiguration<HustingsQuestion>
{
    public void Configure(EntityTypeBuilder<HustingsQuestion> builder)
    {
        builder.ToTable("HustingsQuestions");
        builder.Property(q => q.Text).HasMaxLength(AskQuestion.MaxLength);
        builder.HasOne<Primary>().WithMany().HasForeignKey(q => q.PrimaryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(q => q.AuthorPersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(q => new { q.PrimaryId, q.AuthorPersonId, q.Day, q.Slot }).IsUnique();
    }
}

internal sealed class HustingsSupportConfiguration : IEntityTypeConfiguration<HustingsSupport>
{
    public void Configure(EntityTypeBuilder<HustingsSupport> builder)
    {
        builder.ToTable("HustingsSupports");
        builder.HasOne<HustingsQuestion>().WithMany().HasForeignKey(s => s.QuestionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.QuestionId, s.PersonId }).IsUnique();
    }
}

internal sealed class HustingsAnswerConfiguration : IEntityTypeConfiguration<HustingsAnswer>
{
    public void Configure(EntityTypeBuilder<HustingsAnswer> builder)
    {
        builder.ToTable("HustingsAnswers");
        builder.Property(a => a.Text).HasMaxLength(AnswerQuestion.MaxLength);
        builder.HasOne<HustingsQuestion>().WithMany().HasForeignKey(a => a.QuestionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Candidate>().WithMany().HasForeignKey(a => a.CandidateId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.QuestionId, a.CandidateId }).IsUnique();
    }
}
