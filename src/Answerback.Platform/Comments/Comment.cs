using Answerback.Platform.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Answerback.Platform.Comments;

/// <summary>
/// A comment in a thread (a capability's public page, named by kind and id). Replies carry their
/// parent and the top-level comment they descend from (<see cref="RootId"/>), so a page of
/// top-level comments and all their replies is two indexed queries.
/// </summary>
public class Comment
{
    public Guid Id { get; set; }

    public string ThreadKind { get; set; } = "";

    public Guid ThreadId { get; set; }

    /// <summary>The comment replied to; null for a top-level comment.</summary>
    public Guid? ParentId { get; set; }

    /// <summary>The top-level comment of this one's branch (itself for a top-level comment).</summary>
    public Guid RootId { get; set; }

    /// <summary>0 for a top-level comment, 1 for a reply, ...</summary>
    public int Depth { get; set; }

    public Guid? AuthorPersonId { get; set; }

    /// <summary>What the author wrote (Markdown); empty once deleted.</summary>
    public string Body { get; set; } = "";

    /// <summary>The body rendered and sanitised once, when written (pages never render Markdown).</summary>
    public string BodyHtml { get; set; } = "";

    /// <summary>The body normalised for the near-duplicate check (lower case letters and digits, single spaces).</summary>
    public string Fingerprint { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? EditedAt { get; set; }

    /// <summary>Set when the author deleted it: a placeholder keeps the thread's shape.</summary>
    public DateTimeOffset? DeletedAt { get; set; }
}

internal sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> builder)
    {
        builder.ToTable("Comments");
        builder.Property(c => c.ThreadKind).HasMaxLength(Moderation.ModerationSubject.MaxKindLength);
        builder.Property(c => c.Body).HasMaxLength(PostComment.MaxLength);
        builder.Property(c => c.Fingerprint).HasMaxLength(PostComment.MaxLength);
        builder.HasIndex(c => new { c.ThreadKind, c.ThreadId, c.Depth, c.CreatedAt });
        builder.HasIndex(c => c.RootId);
        builder.HasIndex(c => new { c.AuthorPersonId, c.CreatedAt });
        builder.HasOne<Comment>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.AuthorPersonId).OnDelete(DeleteBehavior.SetNull);
    }
}

/// <summary>An earlier version of an edited comment: the edit history is public.</summary>
public class CommentRevision
{
    public Guid Id { get; set; }

    public Guid CommentId { get; set; }

    public string BodyHtml { get; set; } = "";

    /// <summary>When this version was written (the comment's creation, or the edit before).</summary>
    public DateTimeOffset WrittenAt { get; set; }

    /// <summary>When it was replaced.</summary>
    public DateTimeOffset ReplacedAt { get; set; }
}

internal sealed class CommentRevisionConfiguration : IEntityTypeConfiguration<CommentRevision>
{
    public void Configure(EntityTypeBuilder<CommentRevision> builder)
    {
        builder.ToTable("CommentRevisions");
        builder.HasIndex(r => new { r.CommentId, r.ReplacedAt });
        builder.HasOne<Comment>().WithMany().HasForeignKey(r => r.CommentId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// One row per person who has commented: posting first updates it, which takes the row's write lock
/// (PostgreSQL) or the database's (SQLite), so two posts by one person run one after the other and
/// the second sees the first: a double click posts once.
/// </summary>
public class CommentPoster
{
    public Guid PersonId { get; set; }

    public DateTimeOffset LastPostedAt { get; set; }
}

internal sealed class CommentPosterConfiguration : IEntityTypeConfiguration<CommentPoster>
{
    public void Configure(EntityTypeBuilder<CommentPoster> builder)
    {
        builder.ToTable("CommentPosters");
        builder.HasKey(p => p.PersonId);
        builder.HasOne<Person>().WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
