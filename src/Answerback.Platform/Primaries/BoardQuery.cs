using System.Text.Json.Nodes;
using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Primaries;

/// <summary>
/// What a tracking code finds: the entry and, once the board is sealed, the ballot as recorded; or,
/// for a ballot accepted but not yet appended (<see cref="Pending"/>), no entry yet.
/// </summary>
public sealed record TrackedBallot(BoardEntry? Entry, bool Sealed, IReadOnlyList<string>? Choices)
{
    /// <summary>True when the ballot is stored and waiting for its batch to be appended to the board.</summary>
    public bool Pending => Entry is null;
}

/// <summary>
/// The read side of the board: the downloadable document (entries, head, checkpoints; after the close
/// every ballot and salt, and the result), a tracking-code lookup, the BLT download and the result.
/// </summary>
public sealed class BoardQuery(AnswerbackDbContext db, IBallotPapers papers)
{
    /// <summary>The board of the primary, or null when there is no such primary.</summary>
    public async Task<BoardDocument?> BoardAsync(Guid primaryId, CancellationToken ct = default)
    {
        var paper = await papers.FindAsync(primaryId, ct);
        if (paper is null)
        {
            return null;
        }

        var head = await db.Set<BoardHead>().AsNoTracking().FirstOrDefaultAsync(h => h.PrimaryId == primaryId, ct);
        var isSealed = head?.Sealed == true;
        var rows = await db.Set<BoardRecord>().AsNoTracking().Where(e => e.PrimaryId == primaryId).OrderBy(e => e.Sequence).ToListAsync(ct);
        var ballots = isSealed
            ? await db.Set<StoredBallot>().AsNoTracking().Where(b => b.PrimaryId == primaryId).ToDictionaryAsync(b => b.TrackingCode, StringComparer.Ordinal, ct)
            : [];
        var entries = rows.Select(e => ballots.TryGetValue(e.TrackingCode, out var b)
            ? new BoardEntry(e.Sequence, e.TrackingCode, e.Commitment, e.Hash, b.Text, b.Salt)
            : new BoardEntry(e.Sequence, e.TrackingCode, e.Commitment, e.Hash)).ToList();
        var checkpoints = await db.Set<PublishedCheckpoint>().AsNoTracking().Where(c => c.PrimaryId == primaryId)
            .Select(c => new { c.Count, c.Hash, c.PublishedAt }).ToListAsync(ct);
        var result = isSealed ? await ResultJsonAsync(primaryId, ct) : null;
        return new BoardDocument
        {
            PrimaryId = paper.BoardId,
            Title = paper.Title,
            Method = paper.Method,
            Seats = paper.Seats,
            Candidates = paper.Candidates,
            Closed = isSealed,
            Entries = entries,
            Head = head is null ? new BoardCheckpoint(0, BoardHashes.Start(paper.BoardId)) : new BoardCheckpoint(head.Count, head.Hash),
            Checkpoints = [.. checkpoints.OrderBy(c => c.PublishedAt).Select(c => new BoardCheckpoint(c.Count, c.Hash, c.PublishedAt))],
            Result = result,
        };
    }

    /// <summary>The entry for a tracking code as typed (case, spaces and hyphens ignored), or null.</summary>
    public async Task<TrackedBallot?> TrackAsync(Guid primaryId, string? typed, CancellationToken ct = default)
    {
        if (!TrackingCodes.TryNormalise(typed, out var code) || await papers.FindAsync(primaryId, ct) is not { } paper)
        {
            return null;
        }

        var row = await db.Set<BoardRecord>().AsNoTracking().FirstOrDefaultAsync(e => e.PrimaryId == primaryId && e.TrackingCode == code, ct);
        if (row is null)
        {
            return await db.Set<PendingBoardEntry>().AnyAsync(p => p.PrimaryId == primaryId && p.TrackingCode == code, ct)
                ? new TrackedBallot(null, false, null)
                : null;
        }

        var entry = new BoardEntry(row.Sequence, row.TrackingCode, row.Commitment, row.Hash);
        var isSealed = await db.Set<BoardHead>().AnyAsync(h => h.PrimaryId == primaryId && h.Sealed, ct);
        if (!isSealed)
        {
            return new TrackedBallot(entry, false, null);
        }

        var text = await db.Set<StoredBallot>().Where(b => b.PrimaryId == primaryId && b.TrackingCode == code).Select(b => b.Text).FirstAsync(ct);
        var kind = BoardBallot.KindFor(paper.Method);
        IReadOnlyList<string>? choices = BoardBallot.TryParse(text, kind, paper.Candidates.Count, out var ballot, out _)
            ? [.. ballot.Choices.Select(c => paper.Candidates[c - 1])]
            : null;
        return new TrackedBallot(entry with { Ballot = text }, true, choices);
    }

    /// <summary>The published result (the engine's JSON report), or null before the count.</summary>
    public async Task<JsonObject?> ResultJsonAsync(Guid primaryId, CancellationToken ct = default)
    {
        var json = await db.Set<PrimaryResult>().AsNoTracking().Where(r => r.PrimaryId == primaryId).Select(r => r.ReportJson).FirstOrDefaultAsync(ct);
        return json is null ? null : JsonNode.Parse(json)!.AsObject();
    }

    /// <summary>The sealed board's ballots as BLT, or null before the close.</summary>
    public async Task<string?> BltAsync(Guid primaryId, CancellationToken ct = default)
    {
        var board = await BoardAsync(primaryId, ct);
        if (board is not { Closed: true })
        {
            return null;
        }

        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        BoardCount.WriteBlt(board, writer);
        return writer.ToString();
    }
}
