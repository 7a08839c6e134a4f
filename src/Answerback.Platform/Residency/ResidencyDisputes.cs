using System.Security.Cryptography;
using System.Text;
using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Answerback.Platform.Residency;

/// <summary>The one answer to a code request: it does not say whether the details are on a register or claimed.</summary>
/// <summary>What to tell the person after a code request or a redeemed code.</summary>
public sealed record ResidencyCodeMessage(string Message);

/// <summary>
/// A resident whose details are held by another account asks for a code by post. The answer is
/// the same whether or not the details exist or are claimed; a request is stored only for an entry
/// another account holds, one per entry and person.
/// </summary>
public sealed class RequestResidencyCode(AnswerbackDbContext db, ResidencyHasher hasher, TimeProvider time, ILogger<RequestResidencyCode> logger)
{
    public const string RequestedMessage =
        "Thank you. If these details are on a register here and another account holds them, the organisation that keeps the register will post a code to the address on the register. Enter it on this page when it arrives.";

    /// <summary>Open requests a person may have at once.</summary>
    public const int MaxOpenRequests = 3;

    public async Task<Result<ResidencyCodeMessage>> RequestAsync(Guid personId, string electorNumber, string postcode, CancellationToken ct = default)
    {
        var elector = ResidencyHasher.NormaliseElectorNumber(electorNumber ?? "");
        var normalisedPostcode = ResidencyHasher.NormalisePostcode(postcode ?? "");
        if (!ImportRegister.IsElectorNumber(elector) || elector.Length == 0 || !ResidencyHasher.IsPostcode(normalisedPostcode))
        {
            return Result.Failed<ResidencyCodeMessage>("details", "Enter your elector number and a UK postcode exactly as they appear on your poll card.");
        }

        var open = db.Set<ResidencyDispute>().Where(d => d.RequestedByPersonId == personId && (d.Status == DisputeStatus.Requested || d.Status == DisputeStatus.CodeIssued));
        if (await open.CountAsync(ct) >= MaxOpenRequests)
        {
            return Result.Failed<ResidencyCodeMessage>("details", "You already have codes on their way. Enter a code when it arrives before asking for another.");
        }

        var hash = ResidencyHasher.HashEntry(await hasher.GetKeyAsync(ct), elector, normalisedPostcode);
        var held = await db.RegisterEntries.AsNoTracking()
            .Where(e => e.Hash == hash && e.ClaimedByPersonId != null && e.ClaimedByPersonId != personId)
            .Select(e => new { e.Id, e.OrganisationId, e.ClaimedByPersonId }).ToListAsync(ct);
        var now = time.GetUtcNow();
        foreach (var entry in held)
        {
            if (!await open.AnyAsync(d => d.RegisterEntryId == entry.Id, ct))
            {
                db.Set<ResidencyDispute>().Add(new ResidencyDispute
                {
                    Id = Guid.NewGuid(),
                    OrganisationId = entry.OrganisationId,
                    RegisterEntryId = entry.Id,
                    RequestedByPersonId = personId,
                    HolderPersonId = entry.ClaimedByPersonId,
                    ElectorNumber = elector,
                    Postcode = normalisedPostcode,
                    Status = DisputeStatus.Requested,
                    RequestedAt = now,
                });
            }
        }

        await db.SaveChangesAsync(ct);
        if (held.Count > 0 && logger.IsEnabled(LogLevel.Warning))
        {
            logger.LogWarning("Residency dispute raised by {PersonId} for {Count} register entr(ies)", personId, held.Count);
        }

        return Result.Ok(new ResidencyCodeMessage(RequestedMessage));
    }
}

/// <summary>An open or flagged dispute as the organiser sees it.</summary>
public sealed record DisputeListItem(Guid Id, DisputeStatus Status, string ElectorNumber, string Postcode, DateTimeOffset RequestedAt, DateTimeOffset? CodeIssuedAt, bool FlaggedForModeration, Guid? DisplacedPersonId, string? DisplacedDisplayName);

/// <summary>The code the organiser posts, with what the letter needs to find the address on the register.</summary>
public sealed record IssuedCode(string Code, string ElectorNumber, string Postcode);

/// <summary>The organisation's disputes: issue a code, list them (the caller checks the person organises it).</summary>
public sealed class ResidencyDisputes(AnswerbackDbContext db, ResidencyHasher hasher, TimeProvider time)
{
    /// <summary>Open disputes, and resolved ones whose displaced claim awaits review.</summary>
    public async Task<IReadOnlyList<DisputeListItem>> ForOrganisationAsync(Guid organisationId, CancellationToken ct = default)
    {
        var items = await (
            from d in db.Set<ResidencyDispute>().AsNoTracking()
            where d.OrganisationId == organisationId
                  && (d.Status == DisputeStatus.Requested || d.Status == DisputeStatus.CodeIssued || (d.Status == DisputeStatus.Resolved && d.FlaggedForModeration))
            join p in db.Users on d.HolderPersonId equals p.Id into holders
            from holder in holders.DefaultIfEmpty()
            select new DisputeListItem(d.Id, d.Status, d.ElectorNumber, d.Postcode, d.RequestedAt, d.CodeIssuedAt, d.FlaggedForModeration, d.HolderPersonId, holder == null ? null : holder.DisplayName)).ToListAsync(ct);
        return [.. items.OrderBy(i => i.Status).ThenBy(i => i.RequestedAt)];
    }

    /// <summary>Issues (or re-issues) the code for a dispute of this organisation; null when there is no such open dispute.</summary>
    public async Task<IssuedCode?> IssueCodeAsync(Guid organisationId, Guid disputeId, CancellationToken ct = default)
    {
        var dispute = await db.Set<ResidencyDispute>().FirstOrDefaultAsync(d => d.Id == disputeId && d.OrganisationId == organisationId
            && (d.Status == DisputeStatus.Requested || d.Status == DisputeStatus.CodeIssued), ct);
        if (dispute is null)
        {
            return null;
        }

        // 10 characters from 31 (about 50 bits): guessing is also stopped after 5 wrong tries.
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ2345679";
        var code = new string([.. Enumerable.Range(0, 10).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)])]);
        dispute.CodeHash = await HashCodeAsync(code, ct);
        dispute.CodeIssuedAt = time.GetUtcNow();
        dispute.Status = DisputeStatus.CodeIssued;
        dispute.FailedCodeAttempts = 0;
        await db.SaveChangesAsync(ct);
        return new IssuedCode(code, dispute.ElectorNumber, dispute.Postcode);
    }

    /// <summary>A moderator has looked at the displaced claim.</summary>
    public async Task<bool> MarkReviewedAsync(Guid organisationId, Guid disputeId, CancellationToken ct = default)
        => await db.Set<ResidencyDispute>().Where(d => d.Id == disputeId && d.OrganisationId == organisationId && d.FlaggedForModeration)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.FlaggedForModeration, false), ct) > 0;

    internal async Task<string> HashCodeAsync(string code, CancellationToken ct)
        => Convert.ToHexStringLower(HMACSHA256.HashData(await hasher.GetKeyAsync(ct), Encoding.UTF8.GetBytes("dispute-code\n" + NormaliseCode(code))));

    internal static string NormaliseCode(string code)
        => new([.. (code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant)]);
}

/// <summary>
/// The resident enters the posted code: the entry (and every entry with the same details) moves to
/// them, the other account loses that residency, and the dispute is flagged for the moderators.
/// Wrong codes are counted; after 5 the disputes are closed.
/// </summary>
public sealed class RedeemResidencyCode(AnswerbackDbContext db, ResidencyDisputes disputes, TimeProvider time, ILogger<RedeemResidencyCode> logger)
{
    public const int MaxFailedAttempts = 5;

    public async Task<Result<ResidencyCodeMessage>> RedeemAsync(Guid personId, string code, CancellationToken ct = default)
    {
        var open = await db.Set<ResidencyDispute>().Where(d => d.RequestedByPersonId == personId && d.Status == DisputeStatus.CodeIssued).ToListAsync(ct);
        var hash = await disputes.HashCodeAsync(code, ct);
        var match = open.FirstOrDefault(d => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(d.CodeHash ?? ""), Encoding.ASCII.GetBytes(hash)));
        var now = time.GetUtcNow();
        if (match is null)
        {
            foreach (var dispute in open)
            {
                dispute.FailedCodeAttempts++;
                if (dispute.FailedCodeAttempts >= MaxFailedAttempts)
                {
                    Close(dispute, DisputeStatus.Closed, now);
                }
            }

            await db.SaveChangesAsync(ct);
            return Result.Failed<ResidencyCodeMessage>("code", "This code is not right. Check it against the letter and try again.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var entryHash = await db.RegisterEntries.Where(e => e.Id == match.RegisterEntryId).Select(e => e.Hash).FirstAsync(ct);
        var holders = await db.RegisterEntries.Where(e => e.Hash == entryHash && e.ClaimedByPersonId != null && e.ClaimedByPersonId != personId)
            .Select(e => e.ClaimedByPersonId!.Value).Distinct().ToListAsync(ct);
        // The requester's own other residency is given up (one per person), then every entry with these details is theirs.
        await db.RegisterEntries.Where(e => e.ClaimedByPersonId == personId && e.Hash != entryHash)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedByPersonId, (Guid?)null).SetProperty(e => e.ClaimedAt, (DateTimeOffset?)null), ct);
        await db.RegisterEntries.Where(e => e.Hash == entryHash)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedByPersonId, personId).SetProperty(e => e.ClaimedAt, now), ct);
        foreach (var holder in holders)
        {
            await ResidencyClaims.RebuildVerifiedAsync(db, holder, now, ct);
        }

        var areas = await ResidencyClaims.RebuildVerifiedAsync(db, personId, now, ct);
        Close(match, DisputeStatus.Resolved, now);
        match.FlaggedForModeration = holders.Count > 0;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (logger.IsEnabled(LogLevel.Warning))
        {
            logger.LogWarning("Residency dispute {DisputeId} resolved for {PersonId}: the entry was taken back from {Count} account(s)", match.Id, personId, holders.Count);
        }

        var name = areas.Count == 0 ? "your area" : await db.Areas.Where(a => a.Id == areas[0]).Select(a => a.Name).FirstAsync(ct);
        return Result.Ok(new ResidencyCodeMessage($"Thank you: you are now a verified resident of {name}."));
    }

    private static void Close(ResidencyDispute dispute, DisputeStatus status, DateTimeOffset now)
    {
        dispute.Status = status;
        dispute.ResolvedAt = now;
        dispute.CodeHash = null;
        // Only needed to address the letter.
        dispute.ElectorNumber = "";
        dispute.Postcode = "";
    }
}
