using Answerback.Platform.Accounts;
using Answerback.Platform.Areas;
using Answerback.Platform.Organisations;
using Answerback.Platform.Residency;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Answerback.Platform.Data;

/// <summary>
/// The platform's database: Identity, organisations, areas, residency and the data-protection keys
/// (stored here so that several web nodes share them). One model for both providers; the SQLite
/// model differs only in how instants are stored (see <see cref="ConfigureConventions"/>).
/// </summary>
public class AnswerbackDbContext(DbContextOptions<AnswerbackDbContext> options)
    : IdentityDbContext<Person, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>The fixed id of the <see cref="Accounts.Roles.Administrator"/> role (seeded by the first migration).</summary>
    public static readonly Guid AdministratorRoleId = new("3b0e6f0a-6c1d-4d0e-9a57-2f6f3a9d1c01");

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<OrganisationRole> OrganisationRoles => Set<OrganisationRole>();

    public DbSet<Area> Areas => Set<Area>();

    public DbSet<RegisterEntry> RegisterEntries => Set<RegisterEntry>();

    public DbSet<Residency.Residency> Residencies => Set<Residency.Residency>();

    public DbSet<VerificationAttempt> VerificationAttempts => Set<VerificationAttempt>();

    public DbSet<MemberListEntry> MemberListEntries => Set<MemberListEntry>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        base.ConfigureConventions(configurationBuilder);
        if (Database.IsSqlite())
        {
            // SQLite has no instant type: EF stores DateTimeOffset as text and refuses to compare or
            // order it in SQL. All our instants are UTC, so a binary (ticks) encoding keeps their order
            // and lets "attempts in the last hour" run in the database.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);

        builder.Entity<Person>(person =>
        {
            person.Property(p => p.DisplayName).HasMaxLength(200);
        });

        // The one global role exists from the first migration; `answerback admin create` grants it.
        builder.Entity<IdentityRole<Guid>>().HasData(new IdentityRole<Guid>
        {
            Id = AdministratorRoleId,
            Name = Accounts.Roles.Administrator,
            NormalizedName = "ADMINISTRATOR",
            ConcurrencyStamp = "5f0d8a52-2d7e-4b43-9d1c-0a5f3c1e9b10",
        });

        builder.Entity<Organisation>(organisation =>
        {
            organisation.Property(o => o.Slug).HasMaxLength(100);
            organisation.Property(o => o.Name).HasMaxLength(200);
            organisation.Property(o => o.Description).HasMaxLength(4000);
            organisation.HasIndex(o => o.Slug).IsUnique();
        });

        builder.Entity<OrganisationRole>(role =>
        {
            role.HasOne(r => r.Organisation).WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Cascade);
            role.HasOne(r => r.Person).WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
            role.HasIndex(r => new { r.OrganisationId, r.PersonId, r.Role }).IsUnique();
            role.HasIndex(r => r.PersonId);
        });

        builder.Entity<Area>(area =>
        {
            area.Property(a => a.Slug).HasMaxLength(100);
            area.Property(a => a.Name).HasMaxLength(200);
            area.Property(a => a.Code).HasMaxLength(20);
            area.HasIndex(a => a.Slug).IsUnique();
            // Unique when set: both SQLite and PostgreSQL allow many NULLs in a unique index.
            area.HasIndex(a => a.Code).IsUnique();
            area.HasOne(a => a.Parent).WithMany(a => a.Children).HasForeignKey(a => a.ParentId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<RegisterEntry>(entry =>
        {
            entry.Property(e => e.Hash).HasMaxLength(64).IsFixedLength(false);
            // Per organisation: each organisation's register can attest the same elector, and an upload by one
            // organisation never blocks another's.
            entry.HasIndex(e => new { e.AreaId, e.OrganisationId, e.Hash }).IsUnique();
            // Verification looks an entry up by hash alone (the person does not say which area).
            entry.HasIndex(e => e.Hash);
            entry.HasIndex(e => e.ClaimedByPersonId);
            entry.HasOne<Area>().WithMany().HasForeignKey(e => e.AreaId).OnDelete(DeleteBehavior.Cascade);
            entry.HasOne<Organisation>().WithMany().HasForeignKey(e => e.OrganisationId).OnDelete(DeleteBehavior.Cascade);
            entry.HasOne<Person>().WithMany().HasForeignKey(e => e.ClaimedByPersonId).OnDelete(DeleteBehavior.SetNull);
        });

        builder.Entity<Residency.Residency>(residency =>
        {
            residency.Property(r => r.Postcode).HasMaxLength(10);
            residency.HasIndex(r => new { r.PersonId, r.AreaId, r.Kind }).IsUnique();
            residency.HasIndex(r => new { r.AreaId, r.Kind });
            residency.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
            residency.HasOne<Area>().WithMany().HasForeignKey(r => r.AreaId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<VerificationAttempt>(attempt =>
        {
            attempt.HasIndex(a => new { a.PersonId, a.At });
            attempt.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<MemberListEntry>(member =>
        {
            member.Property(m => m.EmailHash).HasMaxLength(64);
            member.HasIndex(m => new { m.OrganisationId, m.EmailHash }).IsUnique();
            member.HasIndex(m => m.EmailHash);
            member.HasOne<Organisation>().WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        });

        // Entities that carry their configuration beside them (IEntityTypeConfiguration<T>).
        builder.ApplyConfigurationsFromAssembly(typeof(AnswerbackDbContext).Assembly);
    }
}
