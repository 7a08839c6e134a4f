using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Primaries;

/// <summary>Turnout of a primary: the ballots cast, and per ward where at least <see cref="TurnoutQuery.MinimumShown"/> people voted.</summary>
public sealed record Turnout(int Ballots, IReadOnlyList<WardTurnout> Wards, int Elsewhere);

/// <summary>People who voted from one ward (from their register entry, never from their ballot).</summary>
public sealed record WardTurnout(string Ward, int Voted);

/// <summary>
/// Turnout per ward from the used credentials, never from ballots (which have no place): a postal
/// code's register entry, or the register entry an online voter claimed. An elector whose two
/// credentials were both used up (one voted, the other voided) counts once. Wards with fewer than
/// <see cref="MinimumShown"/> voters are added to "elsewhere", so a small count cannot point at people.
/// </summary>
public sealed class TurnoutQuery(AnswerbackDbContext db)
{
    public const int MinimumShown = 10;

    public async Task<Turnout> TurnoutAsync(Guid primaryId, CancellationToken ct = default)
    {
        var ballots = await db.Set<StoredBallot>().CountAsync(b => b.PrimaryId == primaryId, ct);
        var used = await db.Set<PrimaryCredential>().AsNoTracking().Where(c => c.PrimaryId == primaryId && c.Used)
            .Select(c => new { c.PersonId, c.RegisterEntryId }).ToListAsync(ct);
        var people = used.Where(u => u.PersonId is not null).Select(u => u.PersonId).ToList();
        var claimed = (await db.RegisterEntries.AsNoTracking().Where(e => people.Contains(e.ClaimedByPersonId))
            .Select(e => new { e.Id, e.ClaimedByPersonId }).ToListAsync(ct))
            .GroupBy(e => e.ClaimedByPersonId!.Value).ToDictionary(g => g.Key, g => g.Min(e => e.Id));
        // One key per elector: the register entry when there is one, otherwise the person.
        var electors = used.Select(u => u.RegisterEntryId ?? (u.PersonId is { } p && claimed.TryGetValue(p, out var entry) ? entry : u.PersonId!.Value)).Distinct().ToList();
        var areas = await (from e in db.RegisterEntries.AsNoTracking()
                           join a in db.Areas on e.AreaId equals a.Id
                           where electors.Contains(e.Id)
                           select new { e.Id, a.Name }).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var perWard = electors.Where(areas.ContainsKey).GroupBy(e => areas[e]).Select(g => new WardTurnout(g.Key, g.Count())).ToList();
        var shown = perWard.Where(w => w.Voted >= MinimumShown).OrderBy(w => w.Ward, StringComparer.Ordinal).ToList();
        return new Turnout(ballots, shown, electors.Count - shown.Sum(w => w.Voted));
    }
}
