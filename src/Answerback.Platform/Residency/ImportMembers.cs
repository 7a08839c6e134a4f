using Answerback.Platform.Areas;
using Answerback.Platform.Data;
using Answerback.Platform.Imports;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Residency;

/// <summary>What a member-list import did. Nothing is imported when there are errors.</summary>
public sealed record MemberImportReport(IReadOnlyList<ImportError> Errors, int Imported, int AlreadyPresent)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Imports an organisation's member list: a CSV with an <c>email</c> column (other columns ignored).
/// Only a keyed hash of each trimmed, lower-cased address is stored, so "members of X" can be an
/// eligibility rule without the platform holding the list. All or nothing.
/// </summary>
public sealed class ImportMembers(AnswerbackDbContext db, ResidencyHasher hasher)
{
    public async Task<MemberImportReport> ImportAsync(Stream csv, string fileName, Guid organisationId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        if (!await db.Organisations.AnyAsync(o => o.Id == organisationId, ct))
        {
            return new MemberImportReport([new ImportError(0, "organisation", "the organisation does not exist")], 0, 0);
        }

        var key = await hasher.GetKeyAsync(ct);
        var errors = new List<ImportError>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var hashes = new List<string>();
        await using (var upload = new CsvUpload(csv, fileName, errors.Add))
        {
            if (await upload.ReadHeaderAsync("email", ["email"], ct))
            {
                var emailIndex = upload.Header.Required("email");
                while (await upload.ReadAsync(ct))
                {
                    var email = ResidencyHasher.NormaliseEmail(upload.Field(emailIndex));
                    if (!IsEmail(email))
                    {
                        errors.Add(new ImportError(upload.Line, "email", email.Length == 0 ? "missing" : "not an email address"));
                    }
                    else if (seen.TryGetValue(email, out var first))
                    {
                        errors.Add(new ImportError(upload.Line, "email", $"the same address is already on line {first}"));
                    }
                    else
                    {
                        seen[email] = upload.Line;
                        hashes.Add(ResidencyHasher.HashEmail(key, email));
                    }
                }
            }
        }

        if (errors.Count > 0)
        {
            return new MemberImportReport(ImportAreas.Sorted(errors), 0, 0);
        }

        var existing = (await db.MemberListEntries.Where(m => m.OrganisationId == organisationId).Select(m => m.EmailHash).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var fresh = hashes.Where(h => !existing.Contains(h)).ToList();
        db.MemberListEntries.AddRange(fresh.Select(h => new MemberListEntry { Id = Guid.NewGuid(), OrganisationId = organisationId, EmailHash = h }));
        await db.SaveChangesAsync(ct);
        return new MemberImportReport([], fresh.Count, hashes.Count - fresh.Count);
    }

    internal static bool IsEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == email.LastIndexOf('@') && at < email.Length - 3 && email.IndexOf('.', at) > at + 1
               && !email.Any(char.IsWhiteSpace) && email.Length <= 254 && !email.EndsWith('.');
    }
}
