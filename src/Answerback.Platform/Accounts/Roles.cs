using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Answerback.Platform.Accounts;

/// <summary>Global Identity role names. Organisation roles live in <c>OrganisationRoles</c>.</summary>
public static class Roles
{
    /// <summary>Runs the whole platform; passes every organisation check.</summary>
    public const string Administrator = "Administrator";

    /// <summary>The fixed id of the <see cref="Administrator"/> role (seeded by the first migration).</summary>
    public static readonly Guid AdministratorRoleId = new("3b0e6f0a-6c1d-4d0e-9a57-2f6f3a9d1c01");
}

/// <summary>The one global role exists from the first migration; <c>answerback admin create</c> grants it.</summary>
internal sealed class AdministratorRoleConfiguration : IEntityTypeConfiguration<IdentityRole<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityRole<Guid>> builder)
        => builder.HasData(new IdentityRole<Guid>
        {
            Id = Roles.AdministratorRoleId,
            Name = Roles.Administrator,
            NormalizedName = "ADMINISTRATOR",
            ConcurrencyStamp = "5f0d8a52-2d7e-4b43-9d1c-0a5f3c1e9b10",
        });
}
