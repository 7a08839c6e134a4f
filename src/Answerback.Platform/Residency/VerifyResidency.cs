using System.Globalization;
using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Answerback.Platform.Residency;

/// <summary>How a verification attempt ended.</summary>
public enum VerificationOutcome
{
    /// <summary>The details matched an unclaimed register entry (or one this account already holds).</summary>
    Verified,

    /// <summary>No match, or the entry backs another account: the same message either way.</summary>
    NotMatched,

    /// <summary>Too many failed attempts in the last hour; nothing was checked.</summary>
    RateLimited,

    /// <summary>A field is empty or malformed; not counted as an attempt.</summary>
    Invalid,

    /// <summary>The person holds another residency verified within the cool-down; nothing was checked.</summary>
    TooSoonToMove,
}

/// <summary>The outcome, the message to show, and the areas the account is now a verified resident of.</summary>
public sealed record VerificationResult(VerificationOutcome Outcome, string Message, IReadOnlyList<Guid> AreaIds)
{
    public bool Succeeded => Outcome == VerificationOutcome.Verified;
}

/// <summary>
/// Verifies a person's residency with their elector number and postcode. The details may match
/// several entries (one per organisation's register); the attempt succeeds if none of them backs
/// another account (an elector backs one account), and then claims every unclaimed match for it, giving a verified residency in each entry's area and every
/// area above it. Verifying again after another organisation uploads claims the new entries. Failures get one message that does not
/// say whether the number exists; they are logged and limited per account per hour.
/// </summary>
public sealed class VerifyResidency(AnswerbackDbContext db, ResidencyHasher hasher, TimeProvider time, IOptions<ResidencyOptions> options, ILogger<VerifyResidency> logger)
{
    /// <summary>The one message for every mismatch: it does not reveal whether a number exists or is taken.</summary>
    public const string NotMatchedMessage =
        "We could not verify these details. Check your elector number and postcode exactly as they appear on your poll card or register letter, and try again.";

    public async Task<VerificationResult> VerifyAsync(Guid personId, string electorNumber, string postcode, CancellationToken ct = default)
    {
        var elector = ResidencyHasher.NormaliseElectorNumber(electorNumber ?? "");
        var normalisedPostcode = ResidencyHasher.NormalisePostcode(postcode ?? "");
        if (elector.Length == 0 || normalisedPostcode.Length == 0)
        {
            return new VerificationResult(VerificationOutcome.Invalid, "Enter both your elector number and your postcode.", []);
        }

        if (!ResidencyHasher.IsPostcode(normalisedPostcode))
        {
            return new VerificationResult(VerificationOutcome.Invalid, "Enter a UK postcode, like CB1 2AB.", []);
        }

        var now = time.GetUtcNow();
        var since = now.AddHours(-1);
        var limit = options.Value.MaxFailedAttemptsPerHour;
        var recentFailures = await db.VerificationAttempts.CountAsync(a => a.PersonId == personId && !a.Succeeded && a.At > since, ct);
        if (recentFailures >= limit)
        {
            if (logger.IsEnabled(LogLevel.Warning))
            {
                logger.LogWarning("Residency verification refused for {PersonId}: {Failures} failed attempts in the last hour", personId, recentFailures);
            }
            return new VerificationResult(VerificationOutcome.RateLimited,
                $"Too many attempts. For your security you can try {limit} times an hour; please try again later.", []);
        }

        var hash = ResidencyHasher.HashEntry(await hasher.GetKeyAsync(ct), elector, normalisedPostcode);
        // One verified residency per person: verifying other details moves it, at most once per
        // cool-down (otherwise one account could claim a whole ward). Checked before the register is
        // looked at, so the answer says nothing about whether the new details exist.
        var heldElsewhere = await db.RegisterEntries.Where(e => e.ClaimedByPersonId == personId && e.Hash != hash).Select(e => e.ClaimedAt).ToListAsync(ct);
        if (heldElsewhere.Count > 0)
        {
            var verifiedAt = heldElsewhere.Max() ?? DateTimeOffset.MinValue;
            var movableFrom = verifiedAt + options.Value.MoveCoolDown;
            if (now < movableFrom)
            {
                return new VerificationResult(VerificationOutcome.TooSoonToMove,
                    string.Create(CultureInfo.InvariantCulture, $"You verified where you live on {verifiedAt:d MMMM yyyy}. You can move your residency to other details from {movableFrom:d MMMM yyyy}."), []);
            }
        }

        // Every organisation's entry for these details. An elector backs one account: when any of them
        // already backs another account, nothing is claimed and the attempt fails like no match at all
        // (otherwise a register uploaded later would hand the same elector to a second account).
        var matches = await db.RegisterEntries.Where(e => e.Hash == hash)
            .Select(e => new { e.Id, e.AreaId, e.ClaimedByPersonId }).ToListAsync(ct);
        var candidates = matches.Any(e => e.ClaimedByPersonId is { } holder && holder != personId) ? [] : matches;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimedAreas = new List<Guid>();
        foreach (var entry in candidates)
        {
            if (entry.ClaimedByPersonId == personId)
            {
                claimedAreas.Add(entry.AreaId);
                continue;
            }

            // The condition on ClaimedByPersonId makes the claim atomic: of two accounts racing for
            // the same entry, only one update changes a row.
            var claimed = await db.RegisterEntries.Where(e => e.Id == entry.Id && e.ClaimedByPersonId == null)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedByPersonId, personId).SetProperty(e => e.ClaimedAt, now), ct);
            if (claimed == 1)
            {
                claimedAreas.Add(entry.AreaId);
            }
        }

        var succeeded = claimedAreas.Count > 0;
        db.VerificationAttempts.Add(new VerificationAttempt { Id = Guid.NewGuid(), PersonId = personId, At = now, Succeeded = succeeded });
        IReadOnlyList<Guid> areaIds = [];
        if (succeeded)
        {
            // Moving: the entries held for the old details go back to the register, unclaimed.
            await db.RegisterEntries.Where(e => e.ClaimedByPersonId == personId && e.Hash != hash)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedByPersonId, (Guid?)null).SetProperty(e => e.ClaimedAt, (DateTimeOffset?)null), ct);
            areaIds = await ResidencyClaims.RebuildVerifiedAsync(db, personId, now, ct);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        if (!succeeded)
        {
            if (logger.IsEnabled(LogLevel.Warning))
            {
                logger.LogWarning("Residency verification failed for {PersonId} ({Failures} failed in the last hour)", personId, recentFailures + 1);
            }
            return new VerificationResult(VerificationOutcome.NotMatched, NotMatchedMessage, []);
        }

        var areaCount = areaIds.Count;
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Residency verified for {PersonId} in {Count} area(s)", personId, areaCount);
        }
        var names = await db.Areas.Where(a => areaIds.Contains(a.Id)).Select(a => new { a.Id, a.Name }).ToListAsync(ct);
        var nearest = names.FirstOrDefault(n => n.Id == claimedAreas[0])?.Name ?? "your area";
        return new VerificationResult(VerificationOutcome.Verified, $"You are now a verified resident of {nearest}.", areaIds);
    }
}
