using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Answerback.Platform.Accounts;

/// <summary>
/// A person with an account. Candidate/representative and citizen are attributes of the person, not
/// roles: a councillor is still a citizen of their ward.
/// </summary>
public class Person : IdentityUser<Guid>
{
    /// <summary>The name shown to others.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>True for a candidate or elected representative.</summary>
    public bool IsCandidateOrRepresentative { get; set; }

    /// <summary>True for a citizen (the default).</summary>
    public bool IsCitizen { get; set; } = true;

    /// <summary>When the account was created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// The one way to make a new person (sign-up, administrators, the demo, tests): the email is also
    /// the user name; Identity's <c>UserManager.CreateAsync</c> stores it (normalised names, stamps).
    /// </summary>
    public static Person Create(string email, string displayName, DateTimeOffset createdAt, bool emailConfirmed = false, bool isCandidateOrRepresentative = false)
        => new()
        {
            Id = Guid.NewGuid(),
            UserName = email,
            Email = email,
            EmailConfirmed = emailConfirmed,
            DisplayName = displayName,
            IsCandidateOrRepresentative = isCandidateOrRepresentative,
            IsCitizen = true,
            CreatedAt = createdAt,
        };

    /// <summary>Created while the site ran as a demo (whose outbox anyone can read): such an account never receives a role.</summary>
    public bool CreatedInDemo { get; set; }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder) => builder.Property(p => p.DisplayName).HasMaxLength(200);
}
