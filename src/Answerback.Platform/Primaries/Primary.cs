using Answerback.Platform.Areas;
using Answerback.Platform.Eligibility;
using Answerback.Platform.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Answerback.Platform.Primaries;

/// <summary>
/// Where a primary is in its public lifecycle. The timetabled phases (nominations to closed) follow
/// the server's clock (<see cref="Primary.StateAt"/>); <see cref="Draft"/> ends when an organiser
/// publishes it and nominations open; <see cref="ResultPublished"/> is the count's explicit step.
/// </summary>
public enum PrimaryState
{
    /// <summary>Being set up: not published, or published but nominations have not opened yet.</summary>
    Draft = 0,

    /// <summary>People nominate themselves or others; organisers approve candidates.</summary>
    Nominations = 1,

    /// <summary>Eligible people ask and support questions; candidates answer.</summary>
    Hustings = 2,

    /// <summary>Eligible people vote (questions and answers go on).</summary>
    Voting = 3,

    /// <summary>Voting has closed; the count has not been published.</summary>
    Closed = 4,

    /// <summary>The count's result is published (<see cref="Primary.ResultPublishedAt"/>).</summary>
    ResultPublished = 5,
}

/// <summary>Who may vote, ask and support questions in a primary; <see cref="Primary.ElectorateRule"/> turns it into an <see cref="EligibilityRule"/>.</summary>
public enum Electorate
{
    /// <summary>Residents of the area verified against any approved holder's electoral register.</summary>
    VerifiedResidents = 1,

    /// <summary>Members of the organisation (their confirmed email address on its member list).</summary>
    Members = 2,

    /// <summary>Both groups: anyone who is a member or a verified resident of the area.</summary>
    MembersOrVerifiedResidents = 3,

    /// <summary>Residents of the area verified against this organisation's own register (approved for the area).</summary>
    ResidentsOnOwnRegister = 4,
}

/// <summary>The four instants of a primary's timetable, strictly in this order (UTC).</summary>
public sealed record PrimaryTimetable(DateTimeOffset NominationsOpen, DateTimeOffset HustingsOpen, DateTimeOffset VotingOpens, DateTimeOffset VotingCloses);

/// <summary>
/// An open primary run by one organisation for one area: who may take part (<see cref="Electorate"/>),
/// how it is counted (<see cref="Method"/>, <see cref="Seats"/>) and its timetable. Made by
/// <see cref="CreatePrimary"/>; read through <see cref="PrimaryQuery"/>.
/// </summary>
public class Primary
{
    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    public Guid AreaId { get; set; }

    public string Title { get; set; } = "";

    /// <summary>Markdown, rendered sanitised (<see cref="Common.MarkdownText"/>).</summary>
    public string Description { get; set; } = "";

    /// <summary>How many are elected (1 for a single candidate).</summary>
    public int Seats { get; set; } = 1;

    /// <summary>One of <see cref="Answerback.Counting.CountingMethods.Names"/> (e.g. <c>av</c>).</summary>
    public string Method { get; set; } = "av";

    public Electorate Electorate { get; set; }

    public DateTimeOffset NominationsOpen { get; set; }

    public DateTimeOffset HustingsOpen { get; set; }

    public DateTimeOffset VotingOpens { get; set; }

    public DateTimeOffset VotingCloses { get; set; }

    /// <summary>
    /// The seed the count uses if the rules fall back to lots: drawn at creation and shown from then
    /// on, so that nobody can choose it after seeing the ballots.
    /// </summary>
    public int CountSeed { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When an organiser published it (null: a draft only its organisers see). The timetable is fixed from then on.</summary>
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>When the count's result was published (set by the count, with a log entry).</summary>
    public DateTimeOffset? ResultPublishedAt { get; set; }

    public PrimaryTimetable Timetable => new(NominationsOpen, HustingsOpen, VotingOpens, VotingCloses);

    /// <summary>The state at <paramref name="instant"/> (pass the server's <c>TimeProvider.GetUtcNow()</c>).</summary>
    public PrimaryState StateAt(DateTimeOffset instant) =>
        PublishedAt is null || instant < NominationsOpen ? PrimaryState.Draft
        : ResultPublishedAt is { } published && instant >= published ? PrimaryState.ResultPublished
        : instant >= VotingCloses ? PrimaryState.Closed
        : instant >= VotingOpens ? PrimaryState.Voting
        : instant >= HustingsOpen ? PrimaryState.Hustings
        : PrimaryState.Nominations;

    /// <summary>Who may vote, ask and support questions, as an eligibility rule for <see cref="CheckEligibility"/>.</summary>
    public EligibilityRule ElectorateRule() => RuleFor(Electorate, OrganisationId, AreaId);

    /// <summary>The eligibility rule of an electorate of this organisation and area.</summary>
    public static EligibilityRule RuleFor(Electorate electorate, Guid organisationId, Guid areaId) => electorate switch
    {
        Electorate.VerifiedResidents => new VerifiedResidentOf(areaId),
        Electorate.Members => new MemberOf(organisationId),
        Electorate.MembersOrVerifiedResidents => new AnyOf(new MemberOf(organisationId), new VerifiedResidentOf(areaId)),
        Electorate.ResidentsOnOwnRegister => new VerifiedResidentOf(areaId, attestedBy: organisationId),
        _ => throw new ArgumentOutOfRangeException(nameof(electorate), electorate, "Unknown electorate."),
    };
}

internal sealed class PrimaryConfiguration : IEntityTypeConfiguration<Primary>
{
    public void Configure(EntityTypeBuilder<Primary> builder)
    {
        builder.ToTable("Primaries");
        builder.Property(p => p.Title).HasMaxLength(CreatePrimary.MaxTitleLength);
        builder.Property(p => p.Description).HasMaxLength(CreatePrimary.MaxDescriptionLength);
        builder.Property(p => p.Method).HasMaxLength(32);
        builder.Ignore(p => p.Timetable);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Area>().WithMany().HasForeignKey(p => p.AreaId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.OrganisationId);
        builder.HasIndex(p => p.AreaId);
    }
}
