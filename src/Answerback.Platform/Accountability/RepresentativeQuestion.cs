using Answerback.Platform.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Answerback.Platform.Accountability;

/// <summary>
/// A verified resident's public question to one or all of their ward's representatives. Never edited
/// or deleted (a moderator may hide it, with a reason, on the moderation log). <see cref="Day"/> and
/// <see cref="Slot"/> keep the daily limit in the database: a unique index on (author, day, slot) with
/// slots 1 to <see cref="AskRepresentatives.PerDay"/>, so no race, node or retry adds a fourth.
/// </summary>
public class RepresentativeQuestion
{
    public Guid Id { get; set; }

    /// <summary>The area whose residents' question it is (the representatives' area).</summary>
    public Guid AreaId { get; set; }

    /// <summary>The organisation keeping the representatives' entries: its moderators apply the rules.</summary>
    public Guid OwnerOrganisationId { get; set; }

    public Guid AuthorPersonId { get; set; }

    /// <summary>Plain text, shown escaped.</summary>
    public string Text { get; set; } = "";

    public DateTimeOffset AskedAt { get; set; }

    /// <summary>The UTC day asked (<see cref="DateOnly.DayNumber"/>).</summary>
    public int Day { get; set; }

    /// <summary>1 to <see cref="AskRepresentatives.PerDay"/>: which of the author's questions of that day this is.</summary>
    public int Slot { get; set; }

    /// <summary>When the follow-up email ("did you get a reply?") was recorded for sending; null before 14 days.</summary>
    public DateTimeOffset? FollowUpSentAt { get; set; }

    /// <summary>When the one reminder was recorded for sending; null if none was needed (yet).</summary>
    public DateTimeOffset? ReminderSentAt { get; set; }

    public List<QuestionRecipient> Recipients { get; set; } = [];
}

/// <summary>What the asker said when asked whether they got a reply (the WriteToThem question and answers).</summary>
public enum FollowUpAnswer
{
    /// <summary>"Yes": a reply, not just an acknowledgement.</summary>
    Yes = 1,

    /// <summary>"Yes, but it did not answer my points": counted as a reply (see docs/accountability.md).</summary>
    YesButNotMyPoints = 2,

    /// <summary>"No".</summary>
    No = 3,

    /// <summary>"I did not expect one": left out of the rate, as WriteToThem does.</summary>
    NotExpected = 4,
}

/// <summary>
/// One representative a question went to: their public answer on the page (if any) and the asker's
/// follow-up answer about them (if given). A representative gets a question once (a unique index).
/// </summary>
public class QuestionRecipient
{
    public Guid Id { get; set; }

    public Guid QuestionId { get; set; }

    public Guid RepresentativeId { get; set; }

    /// <summary>The representative's public answer (Markdown, rendered sanitised); null while unanswered.</summary>
    public string? AnswerText { get; set; }

    public DateTimeOffset? AnsweredAt { get; set; }

    public DateTimeOffset? AnswerRevisedAt { get; set; }

    public FollowUpAnswer? FollowUp { get; set; }

    public DateTimeOffset? FollowUpAt { get; set; }
}

internal sealed class RepresentativeQuestionConfiguration : IEntityTypeConfiguration<RepresentativeQuestion>
{
    public void Configure(EntityTypeBuilder<RepresentativeQuestion> builder)
    {
        builder.ToTable("RepresentativeQuestions");
        builder.Property(q => q.Text).HasMaxLength(AskRepresentatives.MaxLength);
        builder.HasOne<Areas.Area>().WithMany().HasForeignKey(q => q.AreaId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Organisations.Organisation>().WithMany().HasForeignKey(q => q.OwnerOrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(q => q.AuthorPersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(q => q.Recipients).WithOne().HasForeignKey(r => r.QuestionId).OnDelete(DeleteBehavior.Cascade);
        // The daily limit, kept by the database.
        builder.HasIndex(q => new { q.AuthorPersonId, q.Day, q.Slot }).IsUnique();
        // The follow-up job's scan.
        builder.HasIndex(q => new { q.FollowUpSentAt, q.AskedAt });
    }
}

internal sealed class QuestionRecipientConfiguration : IEntityTypeConfiguration<QuestionRecipient>
{
    public void Configure(EntityTypeBuilder<QuestionRecipient> builder)
    {
        builder.ToTable("RepresentativeQuestionRecipients");
        builder.Property(r => r.AnswerText).HasMaxLength(AnswerRepresentativeQuestion.MaxLength);
        builder.HasOne<Representative>().WithMany().HasForeignKey(r => r.RepresentativeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.QuestionId, r.RepresentativeId }).IsUnique();
        builder.HasIndex(r => r.RepresentativeId);
    }
}
