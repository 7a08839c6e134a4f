using Answerback.Platform.Eligibility;

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
/// paper is read once per scope: the ballot page and the cast of one request share it (two queries
/// fewer per ballot), and a request is too short for the paper to change under it.
/// </summary>
public sealed class PrimaryBallotPapers(PrimaryQuery query, Data.AnswerbackDbContext db) : IBallotPapers
{
    private readonly Dictionary<Guid, BallotPaper?> read = [];

    public async Task<BallotPaper?> FindAsync(Guid primaryId, CancellationToken ct)
    {
        if (!read.TryGetValue(primaryId, out var paper))
        {
            read[primaryId] = paper = await ReadAsync(primaryId, ct);
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
