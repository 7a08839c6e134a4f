using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Answerback.Platform.Notifications;

/// <summary>How a recorded notification was handled, as the person's preferences said at the time.</summary>
public enum NotificationDelivery
{
    /// <summary>An email was queued at once.</summary>
    Immediate = 0,

    /// <summary>Waiting for (or included in, once <see cref="SentNotification.DigestedAt"/> is set) the weekly digest.</summary>
    Digest = 1,

    /// <summary>Not sent: the person turned this kind off, or has no confirmed address.</summary>
    Off = 2,
}

/// <summary>One notification to one person: the row that makes (person, event) happen once.</summary>
public class SentNotification
{
    public Guid Id { get; set; }

    public Guid PersonId { get; set; }

    public string EventKey { get; set; } = "";

    public NotificationKind Kind { get; set; }

    public string Subject { get; set; } = "";

    public string Text { get; set; } = "";

    public string LinkPath { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public NotificationDelivery Delivery { get; set; }

    /// <summary>When a digest including it was queued; null while it waits (or when not a digest item).</summary>
    public DateTimeOffset? DigestedAt { get; set; }
}

internal sealed class SentNotificationConfiguration : IEntityTypeConfiguration<SentNotification>
{
    public const int MaxEventKey = 200;
    public const int MaxSubject = 200;
    public const int MaxText = 4000;
    public const int MaxLinkPath = 500;

    public void Configure(EntityTypeBuilder<SentNotification> builder)
    {
        builder.ToTable("Notifications");
        builder.Property(n => n.EventKey).HasMaxLength(MaxEventKey);
        builder.Property(n => n.Subject).HasMaxLength(MaxSubject);
        builder.Property(n => n.Text).HasMaxLength(MaxText);
        builder.Property(n => n.LinkPath).HasMaxLength(MaxLinkPath);
        // The deduplication: a second insert for the same person and event fails, on every node.
        builder.HasIndex(n => new { n.PersonId, n.EventKey }).IsUnique();
        builder.HasIndex(n => new { n.Delivery, n.DigestedAt });
        builder.HasOne<Accounts.Person>().WithMany().HasForeignKey(n => n.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>A person's choice for one kind. No row means the default: on, immediate.</summary>
public class NotificationPreference
{
    public Guid PersonId { get; set; }

    public NotificationKind Kind { get; set; }

    public bool Enabled { get; set; } = true;

    /// <summary>True: collected into the weekly digest; false: an email at once.</summary>
    public bool WeeklyDigest { get; set; }
}

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> builder)
    {
        builder.ToTable("NotificationPreferences");
        builder.HasKey(p => new { p.PersonId, p.Kind });
        builder.HasOne<Accounts.Person>().WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
