using System.Globalization;
using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Answerback.Platform.Residency;

/// <summary>A verification that succeeded: the areas the account is now a verified resident of (nearest first), and the message to show.</summary>
public sealed record VerifiedResidency(IReadOnlyList<Guid> AreaIds, string Message);

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
    /// <summary>The error field of empty or malformed input (not counted as an attempt).</summary>
    public const string InputField = "input";

    /// <summary>The error field of details that match no entry, or one that backs another account.</summary>
    public const string NotMatchedField = "details";

    /// <summary>The error field of an account that has failed too often in the last hour (nothing was checked).</summary>
    public const string AttemptsField = "attempts";

    /// <summary>The error field of a person who verified other details within the cool-down (nothing was checked).</summary>
    public const string MoveField = "move";

    public const string NotMatchedMessage =
        "We could not verify these details. Check your elector number and postcode exactly as they appear on your poll card or register letter, and try again.";

    public async Task<Result<VerifiedResidency>> VerifyAsync(Guid personId, string electorNumber, string postcode, CancellationToken ct = default)
    {
        var elector = ResidencyHasher.NormaliseElectorNumber(electorNumber ?? "");
        var normalisedPostcode = ResidencyHasher.NormalisePostcode(postcode ?? "");
        if (elector.Length == 0 || normalisedPostcode.Length == 0)
        {
            return Result.Failed<VerifiedResidency>(InputField, "Enter both your elector number and your postcode.");
        }

        if (!ResidencyHasher.IsPostcode(normalisedPostcode))
        {
            return Result.Failed<VerifiedResidency>(InputField, "Enter a UK postcode, like CB1 2AB.");
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
            return Result.Failed<VerifiedResidency>(AttemptsField,
                $"Too many attempts. For your security you can try {limit} times an hour; please try again later.");
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
                return Result.Failed<VerifiedResidency>(MoveField,
                    string.Create(CultureInfo.InvariantCulture, $"You verified where you live on {verifiedAt:d MMMM yyyy}. You can move your residency to other details from {movableFrom:d MMMM yyyy}."));
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
            return Result.Failed<VerifiedResidency>(NotMatchedField, NotMatchedMessage);
        }

        var areaCount = areaIds.Count;
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Residency verified for {PersonId} in {Count} area(s)", personId, areaCount);
        }
        var names = await db.Areas.Where(a => areaIds.Contains(a.Id)).Select(a => new { a.Id, a.Name }).ToListAsync(ct);
        var nearest = names.FirstOrDefault(n => n.Id == claimedAreas[0])?.Name ?? "your area";
        return Result.Ok(new VerifiedResidency(areaIds, $"You are now a verified resident of {nearest}."));
    }
}
