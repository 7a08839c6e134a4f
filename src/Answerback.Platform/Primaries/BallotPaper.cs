using System.Security.Cryptography;
using Answerback.Platform.Eligibility;

namespace Answerback.Platform.Primaries;

/// <summary>
/// What casting, the board and the count need to know of a primary: who runs it, who may vote, when,
/// the counting method and the candidates in their published order (ballots refer to them by number).
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
    EligibilityRule Electorate)
{
    /// <summary>The primary's id as the board and its hashes write it.</summary>
    public string BoardId => PrimaryId.ToString("D");

    /// <summary>
    /// The seed for any lots the count draws: fixed by the primary's id, which is public from the start,
    /// so nobody can choose it after seeing the ballots (the first 31 bits of SHA-256 of the id).
    /// </summary>
    public int Seed => (int)(BitConverter.ToUInt32(SHA256.HashData(PrimaryId.ToByteArray()), 0) & 0x7fffffff);

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
