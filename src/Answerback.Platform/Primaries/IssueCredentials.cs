using System.Globalization;
using System.Text;
using Answerback.Platform.Areas;
using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Answerback.Platform.Eligibility;
using Answerback.Platform.Imports;
using Answerback.Platform.Organisations;
using Answerback.Platform.Residency;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Primaries;

/// <summary>The ballot a signed-in person may fill in: the paper, and whether they have voted already.</summary>
public sealed record OnlineBallot(BallotPaper Paper, bool AlreadyVoted, string Eligibility);

/// <summary>
/// Issues an online credential: a signed-in person who is eligible asks for their ballot, and gets at
/// most one credential per primary (the unique index on primary and person holds under races).
/// </summary>
public sealed class RequestBallot(AnswerbackDbContext db, IBallotPapers papers, CheckEligibility eligibility, TimeProvider time)
{
    /// <summary>The person's ballot, issuing their credential on first request; errors when they may not vote now.</summary>
    public async Task<Result<OnlineBallot>> RequestAsync(Guid primaryId, Guid personId, CancellationToken ct = default)
    {
        var paper = await papers.FindAsync(primaryId, ct);
        if (paper is null)
        {
            return Result.Failed<OnlineBallot>(CastBallot.VotingField, "There is no such primary.");
        }

        if (CastBallot.VotingProblem(paper, time.GetUtcNow()) is { } closed)
        {
            return Result.Failed<OnlineBallot>(CastBallot.VotingField, closed);
        }

        var decision = await eligibility.CheckAsync(personId, paper.Electorate, ct);
        if (!decision.IsEligible)
        {
            return Result.Failed<OnlineBallot>(CastBallot.CredentialField, decision.Reason);
        }

        var credential = await db.Set<PrimaryCredential>().AsNoTracking()
            .FirstOrDefaultAsync(c => c.PrimaryId == primaryId && c.PersonId == personId, ct);
        if (credential is null)
        {
            db.Set<PrimaryCredential>().Add(new PrimaryCredential { Id = Guid.NewGuid(), PrimaryId = primaryId, Channel = CredentialChannel.Online, PersonId = personId });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Issued by a request at the same instant: one credential either way.
            }
        }

        return Result.Ok(new OnlineBallot(paper, credential?.Used == true, decision.Reason));
    }
}

/// <summary>An export of postal codes: the CSV for the mail merge and how many codes it issued.</summary>
public sealed record PostalCodeExport(string Csv, int Issued, int Replaced);

/// <summary>
/// Issues postal codes for a mail merge. The organiser uploads the register extract they imported
/// (<c>elector_number,postcode</c>, other columns ignored); every row must match a register entry of
/// the primary's organisation in the primary's area. The answer is the same rows with a new
/// <c>credential_code</c> column; only each code's keyed hash is stored. Exporting again issues new
/// codes and voids the unused ones of the earlier export (a used one stays used). All or nothing.
/// </summary>
public sealed class ExportPostalCodes(AnswerbackDbContext db, IBallotPapers papers, OrganisationAccess access, ResidencyHasher hasher, TimeProvider time)
{
    /// <summary>The error field when the person may not export (not an organiser of this primary's organisation).</summary>
    public const string AccessField = "access";

    public async Task<Result<PostalCodeExport>> ExportAsync(Guid primaryId, Guid organiserPersonId, Stream register, string fileName, CancellationToken ct = default)
    {
        var paper = await papers.FindAsync(primaryId, ct);
        if (paper is null || !await access.IsOrganiserAsync(organiserPersonId, paper.OrganisationId, ct))
        {
            // The same answer for a primary that does not exist and one the person does not organise.
            return Result.Failed<PostalCodeExport>(AccessField, "Only an organiser of the primary's organisation can export postal codes.");
        }

        if (time.GetUtcNow() >= paper.VotingCloses)
        {
            return Result.Failed<PostalCodeExport>(CastBallot.VotingField, "Voting in this primary has closed: no more codes can be issued.");
        }

        var key = await hasher.GetKeyAsync(ct);
        var areas = await AreaDirectory.WithDescendantsAsync(db, paper.AreaId, ct);
        var entries = await db.RegisterEntries.AsNoTracking()
            .Where(e => e.OrganisationId == paper.OrganisationId && areas.Contains(e.AreaId))
            .Select(e => new { e.Id, e.Hash })
            .ToDictionaryAsync(e => e.Hash, e => e.Id, StringComparer.Ordinal, ct);

        var errors = new ImportErrorList();
        var rows = new List<(string Elector, string Postcode, Guid EntryId)>();
        await using (var upload = new CsvUpload(register, fileName, e => errors.Add(e.Line, e.Field, e.Message)))
        {
            if (await upload.ReadHeaderAsync("elector_number,postcode", ["elector_number", "postcode"], ct))
            {
                var electorIndex = upload.Header.Required("elector_number");
                var postcodeIndex = upload.Header.Required("postcode");
                var seen = new HashSet<Guid>();
                while (await upload.ReadAsync(ct))
                {
                    var elector = upload.Field(electorIndex);
                    var postcode = upload.Field(postcodeIndex);
                    var hash = ResidencyHasher.HashEntry(key, ResidencyHasher.NormaliseElectorNumber(elector), ResidencyHasher.NormalisePostcode(postcode));
                    if (!entries.TryGetValue(hash, out var entryId))
                    {
                        errors.Add(upload.Line, "elector_number", $"{elector} at {postcode} is not on this organisation's register for the primary's area; upload the extract you imported.");
                    }
                    else if (!seen.Add(entryId))
                    {
                        errors.Add(upload.Line, "elector_number", $"{elector} is listed twice.");
                    }
                    else
                    {
                        rows.Add((elector, postcode, entryId));
                    }
                }

                if (rows.Count == 0 && errors.Count == 0)
                {
                    errors.Add(1, "line", "the file has a header but no electors");
                }
            }
        }

        if (errors.Count > 0)
        {
            return Result.Failed<PostalCodeExport>(FieldError.FromImport(errors.Report(fileName)));
        }

        var csv = new StringBuilder("elector_number,postcode,credential_code\r\n");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var ids = rows.Select(r => (Guid?)r.EntryId).ToList();
        var replaced = await db.Set<PrimaryCredential>()
            .Where(c => c.PrimaryId == primaryId && !c.Used && ids.Contains(c.RegisterEntryId))
            .ExecuteDeleteAsync(ct);
        var used = (await db.Set<PrimaryCredential>()
            .Where(c => c.PrimaryId == primaryId && c.Used && ids.Contains(c.RegisterEntryId))
            .Select(c => c.RegisterEntryId).ToListAsync(ct)).ToHashSet();
        var issued = 0;
        foreach (var (elector, postcode, entryId) in rows)
        {
            if (used.Contains(entryId))
            {
                // This elector has voted: no new code (the letter would say "already voted" if printed).
                csv.Append(Csv(elector)).Append(',').Append(Csv(postcode)).Append(",already voted\r\n");
                continue;
            }

            var code = CredentialCodes.New();
            db.Set<PrimaryCredential>().Add(new PrimaryCredential
            {
                Id = Guid.NewGuid(),
                PrimaryId = primaryId,
                Channel = CredentialChannel.Postal,
                RegisterEntryId = entryId,
                CodeHash = CredentialCodes.Hash(key, paper.BoardId, code),
            });
            csv.Append(Csv(elector)).Append(',').Append(Csv(postcode)).Append(',').Append(CredentialCodes.Format(code)).Append("\r\n");
            issued++;
        }

        db.Set<CredentialExport>().Add(new CredentialExport { Id = Guid.NewGuid(), PrimaryId = primaryId, ExportedByPersonId = organiserPersonId, ExportedAt = time.GetUtcNow(), Issued = issued, Replaced = replaced });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Result.Ok(new PostalCodeExport(csv.ToString(), issued, replaced));
    }

    // A spreadsheet would run a cell starting with = + - @ as a formula: such values are quoted with a leading apostrophe.
    private static string Csv(string value)
    {
        var safe = value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
        return safe.AsSpan().IndexOfAny("\",\r\n") >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }
}

/// <summary>Credentials issued per channel and how many were used (the audit of issuing; nothing per person).</summary>
public sealed record CredentialAudit(int Online, int Postal, int Used, IReadOnlyList<CredentialExport> Exports)
{
    /// <summary>"412 online, 3,104 postal; 1,876 used".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Online:N0} online, {Postal:N0} postal; {Used:N0} used");
}
