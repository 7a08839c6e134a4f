using Answerback.Platform.Eligibility;
using Microsoft.Extensions.Caching.Memory;

namespace Answerback.Platform.Primaries;

/// <summary>
/// What casting, the board and the count need to know of a primary: who runs it, who may vote, when,
/// the counting method and the candidates in their published order (ballots refer to them by number).
/// <see cref="Seed"/> decides any lots; it is drawn when the primary is created and shown from then on.
/// </summary>
public sealed record BallotPaper(
    Guid PrimaryId,
    Guid OrganisationId,
    Guid AreaId,
    string Title,
    string Method,
    int Seats,
    IReadOnlyList<string> Candidates,
    DateTimeOffset VotingOpens,
    DateTimeOffset VotingCloses,
    EligibilityRule Electorate,
    int Seed)
{
    /// <summary>The primary's id as the board and its hashes write it.</summary>
    public string BoardId => PrimaryId.ToString("D");

    /// <summary>True while ballots may be cast.</summary>
    public bool IsVotingAt(DateTimeOffset now) => now >= VotingOpens && now < VotingCloses;
}

/// <summary>The primaries as casting sees them (implemented over the Primary entity).</summary>
public interface IBallotPapers
{
    /// <summary>The primary's ballot paper, or null when there is no such primary (or it is still a draft).</summary>
    Task<BallotPaper?> FindAsync(Guid primaryId, CancellationToken ct);

    /// <summary>Primaries whose voting window contains <paramref name="now"/> (for checkpoints).</summary>
    Task<IReadOnlyList<Guid>> VotingAtAsync(DateTimeOffset now, CancellationToken ct);

    /// <summary>Primaries whose voting closed at or before <paramref name="now"/> (for the count).</summary>
    Task<IReadOnlyList<Guid>> ClosedByAsync(DateTimeOffset now, CancellationToken ct);
}

/// <summary>
/// The ballot papers of published primaries, read through <see cref="PrimaryQuery"/>. Scoped, and each
/// paper is read once per scope: the ballot page and the cast of one request share it. Once voting has
/// opened by the server's clock a published paper cannot change (the details and timetable are fixed at
/// publication, the candidates and their order when voting opens), so it is also kept in the process's
/// memory cache and a cast reads no primary rows at all. The cache only saves the read: every cast still
/// checks the voting window against the clock (<see cref="CastBallot.VotingProblem"/>) and, in its
/// transaction, that the board is not sealed.
/// </summary>
public sealed class PrimaryBallotPapers(PrimaryQuery query, Data.AnswerbackDbContext db, IMemoryCache cache, TimeProvider time) : IBallotPapers
{
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(10);

    private readonly Dictionary<Guid, BallotPaper?> read = [];

    public async Task<BallotPaper?> FindAsync(Guid primaryId, CancellationToken ct)
    {
        if (!read.TryGetValue(primaryId, out var paper))
        {
            if (!cache.TryGetValue((nameof(BallotPaper), primaryId), out paper))
            {
                paper = await ReadAsync(primaryId, ct);
                if (paper is not null && time.GetUtcNow() >= paper.VotingOpens)
                {
                    cache.Set((nameof(BallotPaper), primaryId), paper, new MemoryCacheEntryOptions { SlidingExpiration = CacheLifetime, Size = 1 });
                }
            }

            read[primaryId] = paper;
        }

        return paper;
    }

    private async Task<BallotPaper?> ReadAsync(Guid primaryId, CancellationToken ct)
    {
        var summary = await query.GetAsync(primaryId, ct);
        if (summary is not { IsPublished: true })
        {
            return null;
        }

        var p = summary.Primary;
        return new BallotPaper(p.Id, p.OrganisationId, p.AreaId, p.Title, p.Method, p.Seats, [.. summary.Candidates.Select(c => c.Name)],
            p.VotingOpens, p.VotingCloses, summary.ElectorateRule, p.CountSeed);
    }

    public async Task<IReadOnlyList<Guid>> VotingAtAsync(DateTimeOffset now, CancellationToken ct) =>
        await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Primaries.Where(p => p.PublishedAt != null && p.VotingOpens <= now && p.VotingCloses > now).Select(p => p.Id), ct);

    public async Task<IReadOnlyList<Guid>> ClosedByAsync(DateTimeOffset now, CancellationToken ct) =>
        await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Primaries.Where(p => p.PublishedAt != null && p.VotingCloses <= now).Select(p => p.Id), ct);
}
