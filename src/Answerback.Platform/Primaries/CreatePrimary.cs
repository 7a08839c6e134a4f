using System.Security.Cryptography;
using Answerback.Counting;
using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Primaries;

/// <summary>What an organiser sets up: everything of a primary but its candidates.</summary>
public sealed record PrimaryDetails(
    string Title, string? Description, Guid AreaId, int Seats, string Method, Electorate Electorate, PrimaryTimetable Timetable);

/// <summary>
/// Creates a draft primary for an organisation (its organisers and administrators only). Field
/// names of the errors: <c>access</c> (not allowed: the page answers 403), <c>title</c>,
/// <c>description</c>, <c>area</c>, <c>seats</c>, <c>method</c>, <c>electorate</c>,
/// <c>nominationsOpen</c>, <c>hustingsOpen</c>, <c>votingOpens</c>, <c>votingCloses</c>.
/// </summary>
public sealed class CreatePrimary(AnswerbackDbContext db, PrimaryAccess access, TimeProvider time)
{
    public const int MaxTitleLength = 200;

    public const int MaxDescriptionLength = 20_000;

    public const int MaxSeats = 20;

    public async Task<Result<Primary>> CreateAsync(Guid actorPersonId, Guid organisationId, PrimaryDetails details, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(details);
        var role = await access.OrganiserRoleAsync(actorPersonId, organisationId, ct);
        if (role is null)
        {
            return Result.Failed<Primary>(PrimaryAccess.Field, PrimaryAccess.NotOrganiser);
        }

        var now = time.GetUtcNow();
        var errors = await CheckAsync(db, details, now, ct);
        if (errors.Count > 0)
        {
            return Result.Failed<Primary>(errors);
        }

        var primary = new Primary
        {
            Id = Guid.NewGuid(),
            OrganisationId = organisationId,
            CountSeed = RandomNumberGenerator.GetInt32(1, int.MaxValue),
            CreatedAt = now,
        };
        Apply(primary, details);
        db.Primaries.Add(primary);
        db.PrimaryLog.Add(PrimaryLogEntry.Of(primary.Id, now, "Created as a draft", role.Value));
        await db.SaveChangesAsync(ct);
        return Result.Ok(primary);
    }

    internal static void Apply(Primary primary, PrimaryDetails details)
    {
        primary.Title = details.Title.Trim();
        primary.Description = (details.Description ?? "").Trim();
        primary.AreaId = details.AreaId;
        primary.Seats = details.Seats;
        primary.Method = details.Method.Trim();
        primary.Electorate = details.Electorate;
        (primary.NominationsOpen, primary.HustingsOpen, primary.VotingOpens, primary.VotingCloses) =
            (details.Timetable.NominationsOpen.ToUniversalTime(), details.Timetable.HustingsOpen.ToUniversalTime(),
             details.Timetable.VotingOpens.ToUniversalTime(), details.Timetable.VotingCloses.ToUniversalTime());
    }

    /// <summary>The details' problems (none: they may be saved), with the timetable checked against <paramref name="now"/>.</summary>
    internal static async Task<List<FieldError>> CheckAsync(AnswerbackDbContext db, PrimaryDetails details, DateTimeOffset now, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var title = (details.Title ?? "").Trim();
        if (title.Length == 0)
        {
            errors.Add(new FieldError("title", "Enter the primary's title."));
        }
        else if (title.Length > MaxTitleLength)
        {
            errors.Add(new FieldError("title", $"The title must be at most {MaxTitleLength} characters."));
        }

        if ((details.Description ?? "").Trim().Length > MaxDescriptionLength)
        {
            errors.Add(new FieldError("description", $"The description must be at most {MaxDescriptionLength:N0} characters."));
        }

        if (!await db.Areas.AnyAsync(a => a.Id == details.AreaId, ct))
        {
            errors.Add(new FieldError("area", "Choose the area the primary is for."));
        }

        var method = (details.Method ?? "").Trim();
        if (!CountingMethods.Names.Contains(method, StringComparer.Ordinal))
        {
            errors.Add(new FieldError("method", $"Choose a counting method: one of {string.Join(", ", CountingMethods.Names)}."));
        }
        else if (details.Seats < 1 || details.Seats > MaxSeats)
        {
            errors.Add(new FieldError("seats", $"Seats must be a whole number from 1 to {MaxSeats}."));
        }
        else if (details.Seats > 1 && !PrimaryMethods.ElectsSeveral(method))
        {
            errors.Add(new FieldError("seats", $"{PrimaryMethods.Label(method)} elects one candidate: choose 1 seat, or a method for several seats ({string.Join(", ", CountingMethods.Names.Where(PrimaryMethods.ElectsSeveral).Select(PrimaryMethods.Label))})."));
        }

        if (!Enum.IsDefined(details.Electorate))
        {
            errors.Add(new FieldError("electorate", "Choose who may take part."));
        }

        var t = details.Timetable;
        if (t.NominationsOpen < now)
        {
            errors.Add(new FieldError("nominationsOpen", "Nominations must open in the future."));
        }

        if (t.HustingsOpen <= t.NominationsOpen)
        {
            errors.Add(new FieldError("hustingsOpen", "Hustings must open after nominations open."));
        }

        if (t.VotingOpens <= t.HustingsOpen)
        {
            errors.Add(new FieldError("votingOpens", "Voting must open after hustings open."));
        }

        if (t.VotingCloses <= t.VotingOpens)
        {
            errors.Add(new FieldError("votingCloses", "Voting must close after it opens."));
        }

        return errors;
    }
}

/// <summary>Changes a draft primary's details (organisers only; refused once it is published, when the timetable is public and fixed).</summary>
public sealed class EditPrimary(AnswerbackDbContext db, PrimaryAccess access, TimeProvider time)
{
    public async Task<Result<Primary>> EditAsync(Guid actorPersonId, Guid primaryId, PrimaryDetails details, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(details);
        var primary = await db.Primaries.FirstOrDefaultAsync(p => p.Id == primaryId, ct);
        if (primary is null || await access.OrganiserRoleAsync(actorPersonId, primary.OrganisationId, ct) is not { } role)
        {
            return Result.Failed<Primary>(PrimaryAccess.Field, PrimaryAccess.NotOrganiser);
        }

        if (primary.PublishedAt is not null)
        {
            return Result.Failed<Primary>("primary", "The primary is published: its details and timetable can no longer change.");
        }

        var now = time.GetUtcNow();
        var errors = await CreatePrimary.CheckAsync(db, details, now, ct);
        if (errors.Count > 0)
        {
            return Result.Failed<Primary>(errors);
        }

        CreatePrimary.Apply(primary, details);
        db.PrimaryLog.Add(PrimaryLogEntry.Of(primary.Id, now, "Draft details changed", role));
        await db.SaveChangesAsync(ct);
        return Result.Ok(primary);
    }
}

/// <summary>
/// Publishes a draft (organisers only): from then on everyone sees it, its timetable is fixed and
/// the server's clock moves it through nominations, hustings, voting and the close.
/// </summary>
public sealed class PublishPrimary(AnswerbackDbContext db, PrimaryAccess access, TimeProvider time)
{
    public async Task<Result<Primary>> PublishAsync(Guid actorPersonId, Guid primaryId, CancellationToken ct = default)
    {
        var primary = await db.Primaries.FirstOrDefaultAsync(p => p.Id == primaryId, ct);
        if (primary is null || await access.OrganiserRoleAsync(actorPersonId, primary.OrganisationId, ct) is not { } role)
        {
            return Result.Failed<Primary>(PrimaryAccess.Field, PrimaryAccess.NotOrganiser);
        }

        if (primary.PublishedAt is not null)
        {
            return Result.Failed<Primary>("primary", "The primary is already published.");
        }

        var now = time.GetUtcNow();
        if (primary.NominationsOpen < now)
        {
            return Result.Failed<Primary>("nominationsOpen", "Nominations were due to open in the past: change the timetable before publishing.");
        }

        primary.PublishedAt = now;
        db.PrimaryLog.Add(PrimaryLogEntry.Of(primary.Id, now, "Published with its timetable", role));
        await db.SaveChangesAsync(ct);
        return Result.Ok(primary);
    }
}
