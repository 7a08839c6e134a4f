using Answerback.SocialAudit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Answerback.Platform.Accountability;

/// <summary>
/// One imported public post, with only what the scorecard and campaign views need: who, when, what
/// kind, what it answers or reposts, its text (for copy-paste detection) and whom it mentions. Unique
/// by (network, post id): the same post imported twice is stored once.
/// </summary>
public class AuditPost
{
    public long Id { get; set; }

    public string Network { get; set; } = "";

    public string PostId { get; set; } = "";

    public string AccountId { get; set; } = "";

    public string Handle { get; set; } = "";

    public DateTimeOffset Time { get; set; }

    public PostKind Kind { get; set; }

    public string? ReplyToPostId { get; set; }

    public string? ReplyToAccountId { get; set; }

    public string? RepostOfId { get; set; }

    public string Text { get; set; } = "";

    /// <summary>Mentioned handles, lower case, separated by spaces (empty when none).</summary>
    public string Mentions { get; set; } = "";

    /// <summary>The import that first brought it.</summary>
    public Guid ImportId { get; set; }

    /// <summary>The engine's post (URLs and hashtags are not kept: no score uses them).</summary>
    public Post ToPost() => new()
    {
        Network = Network,
        Id = PostId,
        AccountId = AccountId,
        Handle = Handle,
        Time = Time,
        Text = Text,
        Kind = Kind,
        ReplyToPostId = ReplyToPostId,
        ReplyToAccountId = ReplyToAccountId,
        RepostOfId = RepostOfId,
        Mentions = Mentions.Length == 0 ? [] : Mentions.Split(' '),
    };

    /// <summary>The stored form of an engine post; long fields are cut to the column sizes.</summary>
    public static AuditPost From(Post post, Guid importId)
    {
        ArgumentNullException.ThrowIfNull(post);
        return new AuditPost
        {
            Network = post.Network,
            PostId = post.Id,
            AccountId = post.AccountId,
            Handle = Cut(post.Handle, AuditPostConfiguration.HandleLength),
            Time = post.Time.ToUniversalTime(),
            Kind = post.Kind,
            ReplyToPostId = post.ReplyToPostId,
            ReplyToAccountId = post.ReplyToAccountId,
            RepostOfId = post.RepostOfId,
            Text = Cut(post.Text, AuditPostConfiguration.TextLength),
            Mentions = Cut(string.Join(' ', post.Mentions.Select(Networks.Key).Distinct(StringComparer.Ordinal)), AuditPostConfiguration.MentionsLength),
            ImportId = importId,
        };
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length];
}

internal sealed class AuditPostConfiguration : IEntityTypeConfiguration<AuditPost>
{
    public const int IdLength = 500;
    public const int HandleLength = 200;
    public const int TextLength = 5000;
    public const int MentionsLength = 2000;

    public void Configure(EntityTypeBuilder<AuditPost> builder)
    {
        builder.ToTable("AuditPosts");
        builder.Property(p => p.Network).HasMaxLength(20);
        builder.Property(p => p.PostId).HasMaxLength(IdLength);
        builder.Property(p => p.AccountId).HasMaxLength(IdLength);
        builder.Property(p => p.Handle).HasMaxLength(HandleLength);
        builder.Property(p => p.ReplyToPostId).HasMaxLength(IdLength);
        builder.Property(p => p.ReplyToAccountId).HasMaxLength(IdLength);
        builder.Property(p => p.RepostOfId).HasMaxLength(IdLength);
        builder.Property(p => p.Text).HasMaxLength(TextLength);
        builder.Property(p => p.Mentions).HasMaxLength(MentionsLength);
        // The idempotence key: a post is stored once whatever file brings it.
        builder.HasIndex(p => new { p.Network, p.PostId }).IsUnique();
        builder.HasIndex(p => p.ImportId);
    }
}
