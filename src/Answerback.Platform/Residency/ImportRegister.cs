using Answerback.Platform.Areas;
using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Answerback.Platform.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Answerback.Platform.Residency;

/// <summary>What a register import did. Nothing is imported when <c>Errors</c> is not empty.</summary>
public sealed record RegisterImportReport(IReadOnlyList<FieldError> Errors, int Imported, int AlreadyPresent) : Result(Errors);

/// <summary>
/// Imports an extract of the electoral register for an area: a CSV with <c>elector_number</c> and
/// <c>postcode</c> columns and optionally <c>area_code</c> (the area itself or one of its
/// descendants, e.g. the ward; blank means the area). Other columns (names, addresses) are read
/// past and never stored. Each row becomes a <see cref="RegisterEntry"/> holding only the keyed
/// hash. One transaction, written with the provider's bulk path (see <see cref="RegisterEntryWriter"/>)
/// and rolled back if any line is bad, so a file is imported entirely or not at all. On PostgreSQL
/// rows are written as the file streams in (the COPY blocks no other table's writers). On SQLite,
/// whose one write lock would block every other writer (sign-ups, votes) for as long as the upload
/// takes to arrive and parse, the file is read, checked and hashed first with no transaction open,
/// and the hashed entries (about 150 bytes each) are written afterwards in one short transaction.
/// </summary>
public sealed class ImportRegister(AnswerbackDbContext db, ResidencyHasher hasher, TimeProvider time, ILogger<ImportRegister> logger)
{
    public async Task<RegisterImportReport> ImportAsync(Stream csv, string fileName, Guid organisationId, string areaCode, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        if (!await db.Organisations.AnyAsync(o => o.Id == organisationId, ct))
        {
            return new RegisterImportReport([new FieldError("organisation", "the organisation does not exist")], 0, 0);
        }

        var code = AreaCodes.Normalise(areaCode);
        var area = code is null ? null : await db.Areas.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code, ct);
        if (area is null)
        {
            return new RegisterImportReport([new FieldError("area", $"no area has the code {areaCode} (import or create it first)")], 0, 0);
        }

        // The area and everything under it, by code: a row may name the area or any descendant.
        var allAreas = await db.Areas.AsNoTracking().Where(a => a.Code != null).Select(a => new { a.Id, a.Code }).ToListAsync(ct);
        var within = await AreaDirectory.WithDescendantsAsync(db, area.Id, ct);

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

        // SQLite: hashed entries wait here until the whole file is checked (see the class comment).
        var pending = db.Database.IsSqlite() ? new List<RegisterEntry>() : null;
        await using var transaction = pending is null ? await db.Database.BeginTransactionAsync(ct) : null;
        // PostgreSQL: rows go straight to the database as the file streams in (no change tracking), inside the
        // transaction. Declared after it, so an exception disposes (abandons) the writer before rolling back.
        await using var writer = pending is null ? await RegisterEntryWriter.OpenAsync(db, ct) : null;
        var seenElectors = new Dictionary<string, int>(StringComparer.Ordinal);
        var imported = 0;
        var alreadyPresent = 0;
        int electorIndex = -1, postcodeIndex = -1, areaIndex = -1;
        var rows = 0;
        await using var upload = new CsvUpload(csv, fileName, e => Error(e.Line, e.Field, e.Message));
        var headerOk = await upload.ReadHeaderAsync("elector_number,postcode,area_code", ["elector_number", "postcode"], ct);
        if (headerOk)
        {
            electorIndex = upload.Header.Required("elector_number");
            postcodeIndex = upload.Header.Required("postcode");
            areaIndex = upload.Header.Optional("area_code");
        }

        while (headerOk && await upload.ReadAsync(ct))
        {
            rows++;
            var elector = ResidencyHasher.NormaliseElectorNumber(upload.Field(electorIndex));
            var postcode = ResidencyHasher.NormalisePostcode(upload.Field(postcodeIndex));
            var rowAreaCode = areaIndex < 0 ? null : AreaCodes.Normalise(upload.Field(areaIndex));
            var ok = true;
            if (elector.Length == 0)
            {
                Error(upload.Line, "elector_number", "missing");
                ok = false;
            }
            else if (!IsElectorNumber(elector))
            {
                Error(upload.Line, "elector_number", "expected letters, digits, '-', '/' or '.' (at most 20), like AB1-123");
                ok = false;
            }
            else if (seenElectors.TryGetValue(elector, out var firstLine))
            {
                Error(upload.Line, "elector_number", $"{elector} is already on line {firstLine}");
                ok = false;
            }
            else
            {
                seenElectors[elector] = upload.Line;
            }

            if (!ResidencyHasher.IsPostcode(postcode))
            {
                Error(upload.Line, "postcode", postcode.Length == 0 ? "missing" : "not a UK postcode (like CB1 2AB)");
                ok = false;
            }

            var areaId = area.Id;
            if (rowAreaCode is not null)
            {
                if (!knownCodes.TryGetValue(rowAreaCode, out areaId))
                {
                    Error(upload.Line, "area_code", $"no area has the code {rowAreaCode}");
                    ok = false;
                }
                else if (!within.Contains(areaId))
                {
                    Error(upload.Line, "area_code", $"{rowAreaCode} is not {area.Name} or an area within it");
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

            var entry = new RegisterEntry
            {
                Id = Guid.NewGuid(),
                AreaId = areaId,
                OrganisationId = organisationId,
                Hash = hash,
                ImportedAt = now,
            };
            if (pending is not null)
            {
                pending.Add(entry);
            }
            else
            {
                await writer!.WriteAsync(entry, ct);
            }

            imported++;
        }

        if (headerOk && rows == 0 && errors.Count == 0)
        {
            Error(1, "line", "the file has a header but no electors");
        }

        if (errors.Count > 0)
        {
            // Abandon what was written (for PostgreSQL: cancel the COPY) before rolling back; SQLite has written nothing.
            if (writer is not null && transaction is not null)
            {
                await writer.DisposeAsync();
                await transaction.RollbackAsync(ct);
            }

            var listed = errors.Report(fileName);
            var errorCount = errors.Count;
            if (logger.IsEnabled(LogLevel.Warning))
            {
                logger.LogWarning("Register import of {File} for area {Area} refused: {Count} error(s)", fileName, code, errorCount);
            }
            return new RegisterImportReport(FieldError.FromImport(listed), 0, 0);
        }

        if (pending is not null)
        {
            await WriteInOneTransactionAsync(pending, ct);
        }
        else
        {
            await writer!.CompleteAsync(ct);
            await transaction!.CommitAsync(ct);
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Register import of {File} for area {Area}: {Imported} imported, {Present} already present, from {Rows} rows", fileName, code, imported, alreadyPresent, rows);
        }
        return new RegisterImportReport([], imported, alreadyPresent);
    }

    /// <summary>The checked, hashed entries in one transaction: the only time the import holds SQLite's write lock.</summary>
    private async Task WriteInOneTransactionAsync(List<RegisterEntry> entries, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await using (var writer = await RegisterEntryWriter.OpenAsync(db, ct))
        {
            foreach (var entry in entries)
            {
                await writer.WriteAsync(entry, ct);
            }

            await writer.CompleteAsync(ct);
        }

        await transaction.CommitAsync(ct);
    }

    /// <summary>Elector numbers are a polling-district prefix and a number, sometimes with a suffix: AB1-123, AB-123/1.</summary>
    internal static bool IsElectorNumber(string normalised)
        => normalised.Length <= 20 && normalised.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '/' or '.');
}
