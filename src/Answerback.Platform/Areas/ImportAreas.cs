using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Answerback.Platform.Imports;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Areas;

/// <summary>What an area import did: nothing at all when there are errors.</summary>
public sealed record AreaImportReport(IReadOnlyList<FieldError> Errors, int Created, int Updated) : Result(Errors);

/// <summary>
/// Imports areas from a CSV with the header <c>code,name,parent_code</c> (in any order; other
/// columns ignored). A code already in the database updates that area's name and parent, but only
/// when the caller says so (<c>mayChangeExisting</c>): areas are shared by every organisation, so
/// only an administrator (or the operator's CLI) may change one; for anyone else such a row is an
/// error, while a row repeating an existing area unchanged is accepted. A parent may come before or
/// after its children in the file, or already exist. All or nothing.
/// </summary>
public sealed class ImportAreas(AnswerbackDbContext db)
{
    private sealed record Row(int Line, string Code, string Name, string? ParentCode);

    public const string OnlyAdministratorMayChange = "only an administrator can change an existing area";

    public async Task<AreaImportReport> ImportAsync(Stream csv, string fileName, bool mayChangeExisting, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var errors = new ImportErrorList();
        var rows = new List<Row>();
        var byCode = new Dictionary<string, Row>(StringComparer.Ordinal);
        await using (var upload = new CsvUpload(csv, fileName, errors.Add))
        {
            if (await upload.ReadHeaderAsync("code,name,parent_code", ["code", "name", "parent_code"], ct))
            {
                var codeIndex = upload.Header.Required("code");
                var nameIndex = upload.Header.Required("name");
                var parentIndex = upload.Header.Required("parent_code");
                while (await upload.ReadAsync(ct))
                {
                    var code = AreaCodes.Normalise(upload.Field(codeIndex));
                    var name = upload.Field(nameIndex);
                    var parent = AreaCodes.Normalise(upload.Field(parentIndex));
                    var ok = true;
                    if (code is null || !AreaCodes.IsValid(code))
                    {
                        errors.Add(new ImportError(upload.Line, "code", code is null ? "missing (every imported area needs a code)" : AreaCodes.Expected));
                        ok = false;
                    }

                    if (name.Length is 0 or > 200)
                    {
                        errors.Add(new ImportError(upload.Line, "name", name.Length == 0 ? "missing" : "longer than 200 characters"));
                        ok = false;
                    }

                    if (parent is not null && !AreaCodes.IsValid(parent))
                    {
                        errors.Add(new ImportError(upload.Line, "parent_code", AreaCodes.Expected));
                        ok = false;
                    }

                    if (!ok || code is null)
                    {
                        continue;
                    }

                    if (byCode.TryGetValue(code, out var earlier))
                    {
                        errors.Add(new ImportError(upload.Line, "code", $"{code} is already on line {earlier.Line}"));
                        continue;
                    }

                    if (string.Equals(parent, code, StringComparison.Ordinal))
                    {
                        errors.Add(new ImportError(upload.Line, "parent_code", "an area cannot be its own parent"));
                        continue;
                    }

                    var row = new Row(upload.Line, code, name, parent);
                    rows.Add(row);
                    byCode[code] = row;
                }
            }
        }

        var existing = await db.Areas.Where(a => a.Code != null).ToDictionaryAsync(a => a.Code!, StringComparer.Ordinal, ct);
        foreach (var row in rows)
        {
            if (row.ParentCode is not null && !byCode.ContainsKey(row.ParentCode) && !existing.ContainsKey(row.ParentCode))
            {
                errors.Add(new ImportError(row.Line, "parent_code", $"no area has the code {row.ParentCode} (in this file or already imported)"));
            }
            else if (!mayChangeExisting && existing.TryGetValue(row.Code, out var area) && Changes(row, area, existing))
            {
                errors.Add(new ImportError(row.Line, "code", $"{row.Code} already exists as {area.Name}: {OnlyAdministratorMayChange}"));
            }
        }

        if (errors.Count == 0)
        {
            foreach (var row in rows)
            {
                if (CreatesCycle(row, byCode, existing))
                {
                    errors.Add(new ImportError(row.Line, "parent_code", $"{row.ParentCode} would make {row.Code} its own ancestor"));
                }
            }
        }

        if (errors.Count > 0)
        {
            return new AreaImportReport(FieldError.FromImport(errors.Report(fileName)), 0, 0);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var created = 0;
        var updated = 0;
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var areas = new Dictionary<string, Area>(existing, StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (areas.TryGetValue(row.Code, out var area))
            {
                area.Name = row.Name;
                updated++;
            }
            else
            {
                area = new Area { Id = Guid.NewGuid(), Code = row.Code, Name = row.Name, Slug = await AreaCodes.UniqueSlugAsync(db, row.Name, taken, ct) };
                db.Areas.Add(area);
                areas[row.Code] = area;
                created++;
            }
        }

        foreach (var row in rows)
        {
            areas[row.Code].ParentId = row.ParentCode is null ? null : areas[row.ParentCode].Id;
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new AreaImportReport([], created, updated);
    }

    /// <summary>True when the row gives an existing area another name or another parent.</summary>
    private static bool Changes(Row row, Area area, Dictionary<string, Area> existing)
    {
        if (!string.Equals(row.Name, area.Name, StringComparison.Ordinal))
        {
            return true;
        }

        if (row.ParentCode is null)
        {
            return area.ParentId is not null;
        }

        // A parent that is new in this file cannot be the area's current parent.
        return !existing.TryGetValue(row.ParentCode, out var parent) || area.ParentId != parent.Id;
    }

    private static bool CreatesCycle(Row row, Dictionary<string, Row> byCode, Dictionary<string, Area> existing)
    {
        var existingById = existing.Values.ToDictionary(a => a.Id);
        var seen = new HashSet<string>(StringComparer.Ordinal) { row.Code };
        var current = row.ParentCode;
        while (current is not null)
        {
            if (!seen.Add(current))
            {
                return true;
            }

            if (byCode.TryGetValue(current, out var inFile))
            {
                current = inFile.ParentCode;
            }
            else if (existing.TryGetValue(current, out var area) && area.ParentId is { } parentId && existingById.TryGetValue(parentId, out var parent))
            {
                current = parent.Code;
            }
            else
            {
                current = null;
            }
        }

        return false;
    }
}
