using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Answerback.Platform.Webmentions;

/// <summary>Where a received Webmention stands.</summary>
public enum WebmentionState
{
    /// <summary>Accepted; the source has not been checked yet.</summary>
    Pending = 1,

    /// <summary>The source links to the target: shown under the page (unless a moderator hid it).</summary>
    Verified = 2,

    /// <summary>Never shown: the source could not be fetched, or does not link to the target (<see cref="Webmention.Reason"/>).</summary>
    Refused = 3,

    /// <summary>Shown once, then the source went (410) or stopped linking: a tombstone, shown no more.</summary>
    Removed = 4,
}

/// <summary>
/// A notification that <see cref="Source"/> (another site's page) links to <see cref="Target"/> (a
/// page of this site), one row per pair: a repeat notification re-verifies the same row.
/// </summary>
public sealed class Webmention
{
    public const int MaxUrlLength = 2048;

    public Guid Id { get; set; }

    /// <summary>SHA-256 of source and target (hex): the pair's unique key, short enough for any index.</summary>
    public string PairKey { get; set; } = "";

    public string Source { get; set; } = "";

    public string Target { get; set; } = "";

    /// <summary>The target's path, lower case, without a trailing slash: what the page shows its mentions by.</summary>
    public string TargetPath { get; set; } = "";

    /// <summary>The source's host, lower case (rate limits and the moderators' view).</summary>
    public string SourceHost { get; set; } = "";

    public WebmentionState State { get; set; }

    /// <summary>Why it was refused or removed, in words for the sender.</summary>
    public string? Reason { get; set; }

    /// <summary>The source's title (its h-entry's name, else its HTML title).</summary>
    public string? Title { get; set; }

    public string? AuthorName { get; set; }

    public string? AuthorUrl { get; set; }

    /// <summary>The organisation whose moderators look after the target page (known once verified).</summary>
    public Guid? OrganisationId { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? VerifiedAt { get; set; }

    /// <summary>A verification is queued and has not started: a repeat notification meanwhile queues no second one.</summary>
    public bool VerificationQueued { get; set; }

    /// <summary>How many notifications the pair has had.</summary>
    public int Notifications { get; set; }

    public static string KeyOf(string source, string target)
        => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(source + "\n" + target)));
}

internal sealed class WebmentionConfiguration : IEntityTypeConfiguration<Webmention>
{
    public void Configure(EntityTypeBuilder<Webmention> builder)
    {
        builder.ToTable("Webmentions");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.PairKey).HasMaxLength(64).IsRequired();
        builder.Property(w => w.Source).HasMaxLength(Webmention.MaxUrlLength).IsRequired();
        builder.Property(w => w.Target).HasMaxLength(Webmention.MaxUrlLength).IsRequired();
        builder.Property(w => w.TargetPath).HasMaxLength(Webmention.MaxUrlLength).IsRequired();
        builder.Property(w => w.SourceHost).HasMaxLength(255).IsRequired();
        builder.Property(w => w.Reason).HasMaxLength(500);
        builder.Property(w => w.Title).HasMaxLength(300);
        builder.Property(w => w.AuthorName).HasMaxLength(200);
        builder.Property(w => w.AuthorUrl).HasMaxLength(Webmention.MaxUrlLength);
        builder.HasIndex(w => w.PairKey).IsUnique();
        builder.HasIndex(w => new { w.TargetPath, w.State });
    }
}

/// <summary>Where a Webmention this site sends stands.</summary>
public enum SentWebmentionState
{
    /// <summary>Queued, or waiting for its next retry (<see cref="SentWebmention.LastError"/>).</summary>
    Pending = 1,

    /// <summary>The receiver accepted it (2xx).</summary>
    Sent = 2,

    /// <summary>The linked page advertises no Webmention endpoint: nothing to send.</summary>
    NoEndpoint = 3,

    /// <summary>Refused by the receiver (4xx), or still failing after the last retry.</summary>
    Failed = 4,
}

/// <summary>A Webmention this site sends: a page of ours (<see cref="Source"/>) links to another site's page.</summary>
public sealed class SentWebmention
{
    public Guid Id { get; set; }

    public string PairKey { get; set; } = "";

    public string Source { get; set; } = "";

    public string Target { get; set; } = "";

    public SentWebmentionState State { get; set; }

    /// <summary>The endpoint discovered on the target (absolute).</summary>
    public string? Endpoint { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    /// <summary>The status URL the receiver returned (its Location header), if any.</summary>
    public string? StatusUrl { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class SentWebmentionConfiguration : IEntityTypeConfiguration<SentWebmention>
{
    public void Configure(EntityTypeBuilder<SentWebmention> builder)
    {
        builder.ToTable("SentWebmentions");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.PairKey).HasMaxLength(64).IsRequired();
        builder.Property(w => w.Source).HasMaxLength(Webmention.MaxUrlLength).IsRequired();
        builder.Property(w => w.Target).HasMaxLength(Webmention.MaxUrlLength).IsRequired();
        builder.Property(w => w.Endpoint).HasMaxLength(Webmention.MaxUrlLength);
        builder.Property(w => w.LastError).HasMaxLength(500);
        builder.Property(w => w.StatusUrl).HasMaxLength(Webmention.MaxUrlLength);
        builder.HasIndex(w => w.PairKey).IsUnique();
    }
}
