using Answerback.Platform.Areas;
using Answerback.Platform.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Answerback.Platform.Accountability;

/// <summary>
/// A person who holds or seeks office in an area (councillor, MP, candidate), as the registry lists
/// them: a public record, maintained by the organisers of <see cref="OwnerOrganisationId"/> (and
/// administrators).
/// </summary>
public class Representative
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>"Councillor", "MP" or "Candidate".</summary>
    public string Office { get; set; } = "";

    public Guid AreaId { get; set; }

    public Area? Area { get; set; }

    /// <summary>The organisation whose organisers (and researchers, for posts) keep this entry.</summary>
    public Guid OwnerOrganisationId { get; set; }

    /// <summary>The party when it is an organisation on the platform; null for other parties and independents.</summary>
    public Guid? PartyOrganisationId { get; set; }

    /// <summary>The party's name as shown (the organisation's name, a party name, or "Independent").</summary>
    public string PartyName { get; set; } = "";

    /// <summary>The election's id in Democracy Club's form (<c>local.cambridge.2024-05-02</c>), when known.</summary>
    public string? Election { get; set; }

    public DateOnly? TermStart { get; set; }

    public DateOnly? TermEnd { get; set; }

    /// <summary>The representative's own platform account, when linked: they may upload posts and answer questions as themselves.</summary>
    public Guid? PersonId { get; set; }

    /// <summary>The representative's public note ("I don't use X; write to me at ...").</summary>
    public string? PublicNote { get; set; }

    /// <summary>The network the note says they do not use (<c>x</c>, <c>mastodon</c>, <c>bluesky</c>): it is left out of their scores.</summary>
    public string? ExcludedNetwork { get; set; }

    public List<RepresentativeAccount> Accounts { get; set; } = [];
}

/// <summary>A public account or page of a representative: an X, Mastodon or Bluesky handle, a Facebook page or a website.</summary>
public class RepresentativeAccount
{
    public Guid Id { get; set; }

    public Guid RepresentativeId { get; set; }

    /// <summary><c>x</c>, <c>mastodon</c>, <c>bluesky</c>, <c>facebook</c> or <c>website</c>.</summary>
    public string Network { get; set; } = "";

    /// <summary>The handle without <c>@</c> (Mastodon: <c>user@host</c>), or the page's address.</summary>
    public string Handle { get; set; } = "";

    /// <summary>The handle in lower case: what posts are matched on (one representative per handle and network).</summary>
    public string HandleKey { get; set; } = "";

    /// <summary>The network's stable account id, learned from the first post imported by this handle (replies name it, not the handle).</summary>
    public string? AccountId { get; set; }
}

internal sealed class RepresentativeConfiguration : IEntityTypeConfiguration<Representative>
{
    public void Configure(EntityTypeBuilder<Representative> builder)
    {
        builder.ToTable("Representatives");
        builder.Property(r => r.Name).HasMaxLength(200);
        builder.Property(r => r.Office).HasMaxLength(40);
        builder.Property(r => r.PartyName).HasMaxLength(200);
        builder.Property(r => r.Election).HasMaxLength(100);
        builder.Property(r => r.PublicNote).HasMaxLength(1000);
        builder.Property(r => r.ExcludedNetwork).HasMaxLength(20);
        builder.HasOne(r => r.Area).WithMany().HasForeignKey(r => r.AreaId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(r => r.OwnerOrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(r => r.PartyOrganisationId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Accounts.Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(r => r.Accounts).WithOne().HasForeignKey(a => a.RepresentativeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => r.AreaId);
        builder.HasIndex(r => new { r.OwnerOrganisationId, r.AreaId, r.Name }).IsUnique();
    }
}

internal sealed class RepresentativeAccountConfiguration : IEntityTypeConfiguration<RepresentativeAccount>
{
    public void Configure(EntityTypeBuilder<RepresentativeAccount> builder)
    {
        builder.ToTable("RepresentativeAccounts");
        builder.Property(a => a.Network).HasMaxLength(20);
        builder.Property(a => a.Handle).HasMaxLength(300);
        builder.Property(a => a.HandleKey).HasMaxLength(300);
        builder.Property(a => a.AccountId).HasMaxLength(AuditPostConfiguration.IdLength);
        builder.HasIndex(a => new { a.Network, a.HandleKey }).IsUnique();
    }
}

/// <summary>The networks the registry knows; the first three have posts the audit can read.</summary>
public static class Networks
{
    public const string X = "x";
    public const string Mastodon = "mastodon";
    public const string Bluesky = "bluesky";
    public const string Facebook = "facebook";
    public const string Website = "website";

    /// <summary>Networks whose posts can be imported and scored.</summary>
    public static readonly IReadOnlyList<string> Posting = [X, Mastodon, Bluesky];

    public static readonly IReadOnlyList<string> All = [X, Mastodon, Bluesky, Facebook, Website];

    /// <summary>The handle as stored: trimmed, without a leading <c>@</c>.</summary>
    public static string CleanHandle(string handle) => (handle ?? "").Trim().TrimStart('@');

    /// <summary>The key posts are matched on.</summary>
    public static string Key(string handle) => CleanHandle(handle).ToLowerInvariant();

    /// <summary>"X", "Mastodon", ... for pages.</summary>
    public static string Label(string network) => network switch
    {
        X => "X",
        Mastodon => "Mastodon",
        Bluesky => "Bluesky",
        Facebook => "Facebook",
        Website => "Website",
        _ => network,
    };
}
