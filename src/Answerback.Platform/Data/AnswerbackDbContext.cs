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
    // The full list of Identity's types, passkeys included (AspNetUserPasskeys, schema version 3).
    : IdentityDbContext<Person, IdentityRole<Guid>, Guid, IdentityUserClaim<Guid>, IdentityUserRole<Guid>, IdentityUserLogin<Guid>,
        IdentityRoleClaim<Guid>, IdentityUserToken<Guid>, IdentityUserPasskey<Guid>>(options), IDataProtectionKeyContext
{
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
        // Each entity's configuration lives beside it (IEntityTypeConfiguration<T> in its capability's
        // folder), so a new capability adds its entities without editing this file.
        builder.ApplyConfigurationsFromAssembly(typeof(AnswerbackDbContext).Assembly);
    }
}
