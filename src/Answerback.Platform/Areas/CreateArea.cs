using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Areas;

/// <summary>A problem with one input field (field names as the form or command calls them).</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>The new area, or why it could not be created.</summary>
public sealed record CreateAreaResult(Area? Area, IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Area is not null;
}

/// <summary>
/// Creates one area. Authorisation (organisers and administrators) is the caller's, through
/// <see cref="Organisations.OrganisationAccess"/>.
/// </summary>
public sealed class CreateArea(AnswerbackDbContext db)
{
    public async Task<CreateAreaResult> CreateAsync(string name, string? code, Guid? parentId, CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        name = (name ?? "").Trim();
        var normalisedCode = AreaCodes.Normalise(code);
        if (name.Length == 0)
        {
            errors.Add(new FieldError("name", "Enter the area's name."));
        }
        else if (name.Length > 200)
        {
            errors.Add(new FieldError("name", "The name must be at most 200 characters."));
        }

        if (normalisedCode is not null && !AreaCodes.IsValid(normalisedCode))
        {
            errors.Add(new FieldError("code", AreaCodes.Expected));
        }
        else if (normalisedCode is not null && await db.Areas.AnyAsync(a => a.Code == normalisedCode, ct))
        {
            errors.Add(new FieldError("code", $"An area with code {normalisedCode} already exists."));
        }

        if (parentId is { } pid && !await db.Areas.AnyAsync(a => a.Id == pid, ct))
        {
            errors.Add(new FieldError("parent", "The parent area does not exist."));
        }

        if (errors.Count > 0)
        {
            return new CreateAreaResult(null, errors);
        }

        var area = new Area
        {
            Id = Guid.NewGuid(),
            Name = name,
            Code = normalisedCode,
            ParentId = parentId,
            Slug = await AreaCodes.UniqueSlugAsync(db, name, new HashSet<string>(StringComparer.Ordinal), ct),
        };
        db.Areas.Add(area);
        await db.SaveChangesAsync(ct);
        return new CreateAreaResult(area, []);
    }
}

internal static class AreaCodes
{
    public const string Expected = "An area code is 1 to 20 letters and digits, like E05013050.";

    public static string? Normalise(string? code)
    {
        var trimmed = code?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed.ToUpperInvariant();
    }

    public static bool IsValid(string code) => code.Length is > 0 and <= 20 && code.All(char.IsAsciiLetterOrDigit);

    /// <summary>A slug from the name, with -2, -3... when taken (in the database or in <paramref name="taken"/>).</summary>
    public static async Task<string> UniqueSlugAsync(AnswerbackDbContext db, string name, ISet<string> taken, CancellationToken ct)
    {
        var baseSlug = Slugs.From(name);
        if (baseSlug.Length == 0)
        {
            baseSlug = "area";
        }

        if (baseSlug.Length > 90)
        {
            baseSlug = baseSlug[..90].TrimEnd('-');
        }

        var existing = await db.Areas.Where(a => a.Slug == baseSlug || a.Slug.StartsWith(baseSlug + "-")).Select(a => a.Slug).ToListAsync(ct);
        var candidate = baseSlug;
        for (var n = 2; existing.Contains(candidate) || taken.Contains(candidate); n++)
        {
            candidate = baseSlug + "-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        taken.Add(candidate);
        return candidate;
    }
}
