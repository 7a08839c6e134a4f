using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Answerback.Platform.Primaries;

/// <summary>
/// The bulletin board's hashes (format <c>answerback-board-v1</c>), all SHA-256 of UTF-8 text, written
/// as lower-case hex:
/// <list type="bullet">
/// <item>commitment <c>c = SHA-256(salt + "\n" + ballot)</c>, with a random 128-bit salt per ballot;</item>
/// <item>chain <c>h(n) = SHA-256(h(n−1) + "\n" + n + "\n" + trackingCode + "\n" + c)</c>, n in decimal;</item>
/// <item>start <c>h(0) = SHA-256("answerback-board-v1\n" + primaryId)</c>.</item>
/// </list>
/// Each can be recomputed with <c>printf '%s' TEXT | sha256sum</c> (docs/primaries.md).
/// </summary>
public static class BoardHashes
{
    /// <summary>The board format's name, the first line hashed into h(0).</summary>
    public const string FormatName = "answerback-board-v1";

    /// <summary>Hex characters in a hash (256 bits).</summary>
    public const int HashLength = 64;

    /// <summary>Hex characters in a salt (128 bits).</summary>
    public const int SaltLength = 32;

    /// <summary>h(0) for a primary.</summary>
    public static string Start(string primaryId)
    {
        ArgumentNullException.ThrowIfNull(primaryId);
        return Sha256(FormatName + "\n" + primaryId);
    }

    /// <summary>The commitment to a ballot's text under a salt.</summary>
    public static string Commitment(string salt, string ballot)
    {
        ArgumentNullException.ThrowIfNull(salt);
        ArgumentNullException.ThrowIfNull(ballot);
        return Sha256(salt + "\n" + ballot);
    }

    /// <summary>h(n) from h(n−1) and entry n's tracking code and commitment.</summary>
    public static string Chain(string previous, int sequence, string trackingCode, string commitment)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(trackingCode);
        ArgumentNullException.ThrowIfNull(commitment);
        return Sha256(previous + "\n" + sequence.ToString(CultureInfo.InvariantCulture) + "\n" + trackingCode + "\n" + commitment);
    }

    /// <summary>A new random 128-bit salt from the cryptographic generator.</summary>
    public static string NewSalt() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SaltLength / 2));

    /// <summary>True for 64 lower-case hex characters.</summary>
    public static bool IsHash(string? text) => IsLowerHex(text, HashLength);

    /// <summary>True for 32 lower-case hex characters.</summary>
    public static bool IsSalt(string? text) => IsLowerHex(text, SaltLength);

    private static bool IsLowerHex(string? text, int length) =>
        text is not null && text.Length == length && text.All(char.IsAsciiHexDigitLower);

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

/// <summary>A ballot sealed for the board: its text, its secret salt and the commitment the board shows.</summary>
public sealed record SealedBallot(string Ballot, string Salt, string Commitment)
{
    /// <summary>Seals a ballot under a fresh random salt.</summary>
    public static SealedBallot Seal(BoardBallot ballot) => Seal(ballot, BoardHashes.NewSalt());

    /// <summary>Seals a ballot under a given salt (tests and worked examples; casting uses the random one).</summary>
    public static SealedBallot Seal(BoardBallot ballot, string salt)
    {
        ArgumentNullException.ThrowIfNull(ballot);
        return new SealedBallot(ballot.Text, salt, BoardHashes.Commitment(salt, ballot.Text));
    }
}

/// <summary>
/// The board's chain as it grows: appends entries with consecutive sequence numbers and gives
/// checkpoints. Appending is the serial point of casting (each entry needs the hash before it), so the
/// caller holds one chain per primary under a lock or a database row lock.
/// </summary>
public sealed class BoardChain
{
    private BoardChain(int count, string head)
    {
        Count = count;
        Head = head;
    }

    /// <summary>Entries so far.</summary>
    public int Count { get; private set; }

    /// <summary>h(Count): the hash of the last entry, or h(0) when there is none.</summary>
    public string Head { get; private set; }

    /// <summary>An empty board for a primary (head h(0)).</summary>
    public static BoardChain Start(string primaryId) => new(0, BoardHashes.Start(primaryId));

    /// <summary>Continues a board from its stored head.</summary>
    public static BoardChain Resume(int count, string head)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return BoardHashes.IsHash(head) ? new BoardChain(count, head) : throw new ArgumentException("The head must be 64 lower-case hex characters.", nameof(head));
    }

    /// <summary>Appends the next entry (ballot and salt stay secret until the close, so they are not on it).</summary>
    public BoardEntry Append(string trackingCode, string commitment)
    {
        if (!TrackingCodes.IsCanonical(trackingCode))
        {
            throw new ArgumentException("Not a tracking code in canonical form.", nameof(trackingCode));
        }

        if (!BoardHashes.IsHash(commitment))
        {
            throw new ArgumentException("The commitment must be 64 lower-case hex characters.", nameof(commitment));
        }

        var sequence = Count + 1;
        var hash = BoardHashes.Chain(Head, sequence, trackingCode, commitment);
        Count = sequence;
        Head = hash;
        return new BoardEntry(sequence, trackingCode, commitment, hash);
    }

    /// <summary>The head and entry count now, to publish as a checkpoint.</summary>
    public BoardCheckpoint Checkpoint(DateTimeOffset? publishedAt = null) => new(Count, Head, publishedAt);
}
