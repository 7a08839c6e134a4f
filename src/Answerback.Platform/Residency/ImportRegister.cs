using Answerback.Platform.Areas;
using Answerback.Platform.Data;
using Answerback.Platform.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Answerback.Platform.Residency;

/// <summary>What a register import did. Nothing is imported when <see cref="Errors"/> is not empty.</summary>
public sealed record RegisterImportReport(IReadOnlyList<ImportError> Errors, int Imported, int AlreadyPresent)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Imports an extract of the electoral register for an area: a CSV with <c>elector_number</c> and
/// <c>postcode</c> columns and optionally <c>area_code</c> (the area itself or one of its
/// descendants, e.g. the ward; blank means the area). Other columns (names, addresses) are read
/// past and never stored. Each row becomes a <see cref="RegisterEntry"/> holding only the keyed
/// hash. One transaction: rows are written as the file streams in, with the provider's bulk path
/// (see <see cref="RegisterEntryWriter"/>), and the transaction is rolled back if any line is bad,
/// so a file is imported entirely or not at all.
/// </summary>
public sealed class ImportRegister(AnswerbackDbContext db, ResidencyHasher hasher, TimeProvider time, ILogger<ImportRegister> logger)
{
    public async Task<RegisterImportReport> ImportAsync(Stream csv, string fileName, Guid organisationId, string areaCode, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        if (!await db.Organisations.AnyAsync(o => o.Id == organisationId, ct))
        {
            return new RegisterImportReport([new ImportError(0, "organisation", "the organisation does not exist")], 0, 0);
        }

        var code = AreaCodes.Normalise(areaCode);
        var area = code is null ? null : await db.Areas.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code, ct);
        if (area is null)
        {
            return new RegisterImportReport([new ImportError(0, "area", $"no area has the code {areaCode} (import or create it first)")], 0, 0);
        }

        // The area and everything under it, by code: a row may name the area or any descendant.
        var allAreas = await db.Areas.AsNoTracking().Select(a => new { a.Id, a.Code, a.ParentId }).ToListAsync(ct);
        var within = new HashSet<Guid> { area.Id };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var a in allAreas)
            {
                if (a.ParentId is { } p && within.Contains(p) && within.Add(a.Id))
                {
                    grew = true;
                }
            }
        }

        var knownCodes = allAreas.Where(a => a.Code is not null).ToDictionary(a => a.Code!, a => a.Id, StringComparer.Ordinal);
        var key = await hasher.GetKeyAsync(ct);
        var now = time.GetUtcNow();

        // What this organisation's register already holds in the area, read once: re-uploading one's own
        // register skips those entries. Another organisation's entries do not count: each organisation
        // attests its own electors. (One query up front instead of one per batch; about 100 bytes per existing entry.)
        var existing = new HashSet<(Guid, string)>();
        await foreach (var entry in db.RegisterEntries.AsNoTracking().Where(e => e.OrganisationId == organisationId && within.Contains(e.AreaId)).Select(e => new { e.AreaId, e.Hash }).AsAsyncEnumerable().WithCancellation(ct))
        {
            existing.Add((entry.AreaId, entry.Hash));
        }

        // One connection for the whole import (SQLite pools would otherwise hand out several).
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await ImportRowsAsync(csv, fileName, organisationId, area, code, within, knownCodes, key, now, existing, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<RegisterImportReport> ImportRowsAsync(
        Stream csv, string fileName, Guid organisationId, Areas.Area area, string? code, HashSet<Guid> within,
        Dictionary<string, Guid> knownCodes, byte[] key, DateTimeOffset now, HashSet<(Guid, string)> existing, CancellationToken ct)
    {
        var errors = new ImportErrorList();
        void Error(int line, string field, string message) => errors.Add(line, field, message);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Rows go straight to the database as the file streams in (no change tracking), inside the
        // transaction. Declared after it, so an exception disposes (abandons) the writer before rolling back.
        await using var writer = await RegisterEntryWriter.OpenAsync(db, ct);
        var seenElectors = new Dictionary<string, int>(StringComparer.Ordinal);
        var imported = 0;
        var alreadyPresent = 0;
        var blankLines = new List<int>();
        int electorIndex = -1, postcodeIndex = -1, areaIndex = -1;
        var sawHeader = false;
        var rows = 0;

        await foreach (var record in CsvRecords.ReadAsync(csv, ct))
        {
            if (record.Error is not null)
            {
                Error(record.Line, "line", record.Error);
                continue;
            }

            if (record.IsBlank)
            {
                blankLines.Add(record.Line);
                continue;
            }

            foreach (var blank in blankLines)
            {
                Error(blank, "line", "blank line (remove it)");
            }

            blankLines.Clear();
            if (!sawHeader)
            {
                sawHeader = true;
                var header = new CsvHeader(record.Fields);
                electorIndex = header.IndexOf("elector_number");
                postcodeIndex = header.IndexOf("postcode");
                areaIndex = header.IndexOf("area_code");
                if (electorIndex < 0)
                {
                    Error(record.Line, "elector_number", "the header has no 'elector_number' column (expected elector_number,postcode,area_code)");
                }

                if (postcodeIndex < 0)
                {
                    Error(record.Line, "postcode", "the header has no 'postcode' column (expected elector_number,postcode,area_code)");
                }

                if (errors.Count > 0)
                {
                    break;
                }

                continue;
            }

            rows++;
            if (record.Fields.Length <= Math.Max(electorIndex, postcodeIndex))
            {
                Error(record.Line, "line", $"{record.Fields.Length} field(s), but the header has more: is a comma missing?");
                continue;
            }

            var elector = ResidencyHasher.NormaliseElectorNumber(CsvHeader.Field(record, electorIndex));
            var postcode = ResidencyHasher.NormalisePostcode(CsvHeader.Field(record, postcodeIndex));
            var rowAreaCode = areaIndex < 0 ? null : AreaCodes.Normalise(CsvHeader.Field(record, areaIndex));
            var ok = true;
            if (elector.Length == 0)
            {
                Error(record.Line, "elector_number", "missing");
                ok = false;
            }
            else if (!IsElectorNumber(elector))
            {
                Error(record.Line, "elector_number", "expected letters, digits, '-', '/' or '.' (at most 20), like AB1-123");
                ok = false;
            }
            else if (seenElectors.TryGetValue(elector, out var firstLine))
            {
                Error(record.Line, "elector_number", $"{elector} is already on line {firstLine}");
                ok = false;
            }
            else
            {
                seenElectors[elector] = record.Line;
            }

            if (!ResidencyHasher.IsPostcode(postcode))
            {
                Error(record.Line, "postcode", postcode.Length == 0 ? "missing" : "not a UK postcode (like CB1 2AB)");
                ok = false;
            }

            var areaId = area.Id;
            if (rowAreaCode is not null)
            {
                if (!knownCodes.TryGetValue(rowAreaCode, out areaId))
                {
                    Error(record.Line, "area_code", $"no area has the code {rowAreaCode}");
                    ok = false;
                }
                else if (!within.Contains(areaId))
                {
                    Error(record.Line, "area_code", $"{rowAreaCode} is not {area.Name} or an area within it");
                    ok = false;
                }
            }

            if (!ok || errors.Count > 0)
            {
                // Once anything is wrong nothing will be kept: stop hashing and inserting, keep checking.
                continue;
            }

            var hash = ResidencyHasher.HashEntry(key, elector, postcode);
            if (existing.Contains((areaId, hash)))
            {
                // Entries this organisation already imported (its register uploaded again) are skipped, not errors.
                alreadyPresent++;
                continue;
            }

            await writer.WriteAsync(new RegisterEntry
            {
                Id = Guid.NewGuid(),
                AreaId = areaId,
                OrganisationId = organisationId,
                Hash = hash,
                ImportedAt = now,
            }, ct);
            imported++;
        }

        if (!sawHeader && errors.Count == 0)
        {
            Error(0, fileName, "the file is empty (expected a header elector_number,postcode,area_code)");
        }
        else if (sawHeader && rows == 0 && errors.Count == 0)
        {
            Error(1, "line", "the file has a header but no electors");
        }

        if (errors.Count > 0)
        {
            // Abandon what was written (for PostgreSQL: cancel the COPY) before rolling back.
            await writer.DisposeAsync();
            await transaction.RollbackAsync(ct);
            var listed = errors.Report(fileName);
            var errorCount = errors.Count;
            if (logger.IsEnabled(LogLevel.Warning))
            {
                logger.LogWarning("Register import of {File} for area {Area} refused: {Count} error(s)", fileName, code, errorCount);
            }
            return new RegisterImportReport(listed, 0, 0);
        }

        await writer.CompleteAsync(ct);
        await transaction.CommitAsync(ct);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Register import of {File} for area {Area}: {Imported} imported, {Present} already present, from {Rows} rows", fileName, code, imported, alreadyPresent, rows);
        }
        return new RegisterImportReport([], imported, alreadyPresent);
    }

    /// <summary>Elector numbers are a polling-district prefix and a number, sometimes with a suffix: AB1-123, AB-123/1.</summary>
    internal static bool IsElectorNumber(string normalised)
        => normalised.Length <= 20 && normalised.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '/' or '.');
}
