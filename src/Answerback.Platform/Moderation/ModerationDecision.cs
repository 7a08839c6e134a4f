using Answerback.Platform.Accounts;
using Answerback.Platform.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Answerback.Platform.Moderation;

/// <summary>The role a decision was made in: shown on the public log instead of the person.</summary>
public enum ModerationRole
{
    Organiser = 1,
    Moderator = 2,
    Administrator = 3,
}

/// <summary>What a moderator decided about a subject.</summary>
public enum ModerationAction
{
    /// <summary>Hidden behind a placeholder with the reason (on the public log; the author may appeal once).</summary>
    Hidden = 1,

    /// <summary>Reviewed and kept: a held subject published, or its flags dismissed.</summary>
    Approved = 2,
}

/// <summary>
/// One moderation decision: what (the subject), whose rules (the organisation), which rule (the
/// reason), which role and when. The moderator's identity is kept for the organisation's own
/// accountability but never shown in public. A hidden subject stays hidden while its decision is in
/// force (<see cref="OverturnedAt"/> is null).
/// </summary>
public class ModerationDecision
{
    public Guid Id { get; set; }

    public string SubjectKind { get; set; } = "";

    public Guid SubjectId { get; set; }

    public Guid OrganisationId { get; set; }

    public ModerationAction Action { get; set; }

    /// <summary>The rule broken; null for <see cref="ModerationAction.Approved"/>.</summary>
    public ModerationReason? Reason { get; set; }

    public ModerationRole ModeratorRole { get; set; }

    /// <summary>Who decided; not public. Null once that account is deleted.</summary>
    public Guid? ModeratorPersonId { get; set; }

    /// <summary>The subject's author when the decision was made: the one person who may appeal.</summary>
    public Guid? AuthorPersonId { get; set; }

    /// <summary>Where the subject is shown (a path on this site), kept so the log links to it after the fact.</summary>
    public string PublicPath { get; set; } = "";

    public DateTimeOffset DecidedAt { get; set; }

    /// <summary>When an appeal overturned the decision (the subject is shown again).</summary>
    public DateTimeOffset? OverturnedAt { get; set; }

    public ModerationSubject Subject => new(SubjectKind, SubjectId);
}

internal sealed class ModerationDecisionConfiguration : IEntityTypeConfiguration<ModerationDecision>
{
    public void Configure(EntityTypeBuilder<ModerationDecision> builder)
    {
        builder.ToTable("ModerationDecisions");
        builder.Ignore(d => d.Subject);
        builder.Property(d => d.SubjectKind).HasMaxLength(ModerationSubject.MaxKindLength);
        builder.Property(d => d.PublicPath).HasMaxLength(400);
        builder.HasIndex(d => new { d.SubjectKind, d.SubjectId });
        builder.HasIndex(d => new { d.Action, d.DecidedAt });
        builder.HasIndex(d => new { d.OrganisationId, d.Action, d.DecidedAt });
        builder.HasOne<Organisation>().WithMany().HasForeignKey(d => d.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(d => d.ModeratorPersonId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Person>().WithMany().HasForeignKey(d => d.AuthorPersonId).OnDelete(DeleteBehavior.SetNull);
    }
}

/// <summary>Where an appeal stands.</summary>
public enum AppealOutcome
{
    /// <summary>Waiting for a moderator.</summary>
    Pending = 1,

    /// <summary>The decision stands: the subject stays hidden.</summary>
    Upheld = 2,

    /// <summary>The decision was wrong: the subject is shown again.</summary>
    Overturned = 3,
}

/// <summary>The author's one appeal against a hide decision, and its logged outcome.</summary>
public class ModerationAppeal
{
    public Guid Id { get; set; }

    /// <summary>Unique: one appeal per decision.</summary>
    public Guid DecisionId { get; set; }

    public Guid? AuthorPersonId { get; set; }

    /// <summary>Why the author thinks the decision is wrong (seen by the author and the moderators only).</summary>
    public string Text { get; set; } = "";

    public DateTimeOffset AppealedAt { get; set; }

    public AppealOutcome Outcome { get; set; }

    /// <summary>The moderators' answer, public with the outcome.</summary>
    public string? Response { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public ModerationRole? DeciderRole { get; set; }

    /// <summary>Who decided the appeal; not public.</summary>
    public Guid? DeciderPersonId { get; set; }
}

internal sealed class ModerationAppealConfiguration : IEntityTypeConfiguration<ModerationAppeal>
{
    public void Configure(EntityTypeBuilder<ModerationAppeal> builder)
    {
        builder.ToTable("ModerationAppeals");
        builder.Property(a => a.Text).HasMaxLength(AppealDecision.MaxTextLength);
        builder.Property(a => a.Response).HasMaxLength(AppealDecision.MaxTextLength);
        builder.HasIndex(a => a.DecisionId).IsUnique();
        builder.HasIndex(a => a.Outcome);
        builder.HasOne<ModerationDecision>().WithMany().HasForeignKey(a => a.DecisionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.AuthorPersonId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.DeciderPersonId).OnDelete(DeleteBehavior.SetNull);
    }
}

/// <summary>A reader's report that a subject may break a rule: it puts the subject on the moderators' queue.</summary>
public class ModerationFlag
{
    public Guid Id { get; set; }

    public string SubjectKind { get; set; } = "";

    public Guid SubjectId { get; set; }

    public Guid OrganisationId { get; set; }

    /// <summary>Who flagged (one open flag per person and subject); not public.</summary>
    public Guid PersonId { get; set; }

    public ModerationReason? Reason { get; set; }

    public string? Note { get; set; }

    public DateTimeOffset FlaggedAt { get; set; }

    /// <summary>When a moderator hid the subject or kept it.</summary>
    public DateTimeOffset? ResolvedAt { get; set; }
}

internal sealed class ModerationFlagConfiguration : IEntityTypeConfiguration<ModerationFlag>
{
    public void Configure(EntityTypeBuilder<ModerationFlag> builder)
    {
        builder.ToTable("ModerationFlags");
        builder.Property(f => f.SubjectKind).HasMaxLength(ModerationSubject.MaxKindLength);
        builder.Property(f => f.Note).HasMaxLength(FlagContent.MaxNoteLength);
        builder.HasIndex(f => new { f.SubjectKind, f.SubjectId, f.PersonId });
        builder.HasIndex(f => new { f.OrganisationId, f.ResolvedAt });
        builder.HasOne<Organisation>().WithMany().HasForeignKey(f => f.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(f => f.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>A subject held for review before publication (pre-moderation): it is not shown until a moderator approves it.</summary>
public class ModerationHold
{
    public string SubjectKind { get; set; } = "";

    public Guid SubjectId { get; set; }

    public Guid OrganisationId { get; set; }

    public DateTimeOffset HeldAt { get; set; }
}

internal sealed class ModerationHoldConfiguration : IEntityTypeConfiguration<ModerationHold>
{
    public void Configure(EntityTypeBuilder<ModerationHold> builder)
    {
        builder.ToTable("ModerationHolds");
        builder.HasKey(h => new { h.SubjectKind, h.SubjectId });
        builder.Property(h => h.SubjectKind).HasMaxLength(ModerationSubject.MaxKindLength);
        builder.HasIndex(h => new { h.OrganisationId, h.HeldAt });
        builder.HasOne<Organisation>().WithMany().HasForeignKey(h => h.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}
