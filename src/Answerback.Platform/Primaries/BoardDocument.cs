using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Answerback.Counting;
using Answerback.Formats;

namespace Answerback.Platform.Primaries;

/// <summary>
/// One entry of the bulletin board. <see cref="Ballot"/> and <see cref="Salt"/> are null during voting
/// and published at the close.
/// </summary>
/// <param name="Sequence">n: 1 for the first accepted ballot, then 2, 3...</param>
/// <param name="TrackingCode">The voter's tracking code (10 Crockford Base32 symbols).</param>
/// <param name="Commitment">c = SHA-256(salt + "\n" + ballot), lower-case hex.</param>
/// <param name="Hash">h(n), lower-case hex.</param>
/// <param name="Ballot">The ballot's text (after the close).</param>
/// <param name="Salt">The salt, 32 lower-case hex characters (after the close).</param>
public sealed record BoardEntry(
    [property: JsonPropertyName("sequence")] int Sequence,
    [property: JsonPropertyName("trackingCode")] string TrackingCode,
    [property: JsonPropertyName("commitment")] string Commitment,
    [property: JsonPropertyName("hash")] string Hash,
    [property: JsonPropertyName("ballot"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Ballot = null,
    [property: JsonPropertyName("salt"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Salt = null);

/// <summary>The head of the board at some moment: h(Count), written <c>N:HASH</c> by whoever saves it.</summary>
/// <param name="Count">Entries on the board at that moment.</param>
/// <param name="Hash">h(Count), lower-case hex (h(0) when Count is 0).</param>
/// <param name="PublishedAt">When the board published it (absent for the head and for checkpoints saved by hand).</param>
public sealed record BoardCheckpoint(
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("hash")] string Hash,
    [property: JsonPropertyName("publishedAt"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? PublishedAt = null)
{
    /// <summary>The checkpoint as people save it: <c>N:HASH</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Count}:{Hash}");

    /// <summary>Reads <c>N:HASH</c> (N entries, HASH 64 hex characters, either case); false with the problem otherwise.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out BoardCheckpoint? checkpoint, [NotNullWhen(false)] out string? problem)
    {
        checkpoint = null;
        var parts = (text ?? "").Trim().Split(':');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            problem = $"'{text}' is not a checkpoint; expected N:HASH, the entry count, a colon and the head hash.";
            return false;
        }

        var hash = parts[1].ToLowerInvariant();
        if (!BoardHashes.IsHash(hash))
        {
            problem = $"'{text}': the hash after the colon must be 64 hex characters.";
            return false;
        }

        checkpoint = new BoardCheckpoint(count, hash);
        problem = null;
        return true;
    }
}

/// <summary>
/// The downloadable bulletin board, the body of <c>GET /api/primaries/{id}/board</c> and the file that
/// <c>answerback primary verify-board</c> checks. Candidates are numbered from 1 in the order listed
/// here, which is the order ballots refer to. During voting the entries carry no ballot or salt and
/// <see cref="Result"/> is absent; at the close every entry gains its ballot and salt, and the published
/// result is the counting engine's JSON report. The property names are a public contract.
/// </summary>
public sealed record BoardDocument
{
    /// <summary>Always <see cref="BoardHashes.FormatName"/>.</summary>
    [JsonPropertyName("format")]
    public string Format { get; init; } = BoardHashes.FormatName;

    /// <summary>The primary's id, as in the API's URLs; hashed into h(0).</summary>
    [JsonPropertyName("primaryId")]
    public required string PrimaryId { get; init; }

    /// <summary>The primary's title (also the BLT file's title).</summary>
    [JsonPropertyName("title")]
    public required string Title { get; init; }

    /// <summary>The counting method, one of the engine's names (<c>av</c>, <c>scottish-stv</c>...).</summary>
    [JsonPropertyName("method")]
    public required string Method { get; init; }

    /// <summary>Seats to fill.</summary>
    [JsonPropertyName("seats")]
    public required int Seats { get; init; }

    /// <summary>The candidates' names in the published order: candidate 1 first.</summary>
    [JsonPropertyName("candidates")]
    public required IReadOnlyList<string> Candidates { get; init; }

    /// <summary>True once voting has closed and the ballots and salts are published.</summary>
    [JsonPropertyName("closed")]
    public required bool Closed { get; init; }

    /// <summary>Every entry, in sequence order.</summary>
    [JsonPropertyName("entries")]
    public required IReadOnlyList<BoardEntry> Entries { get; init; }

    /// <summary>The head: the entry count and h(count).</summary>
    [JsonPropertyName("head")]
    public required BoardCheckpoint Head { get; init; }

    /// <summary>Every checkpoint published during voting, oldest first.</summary>
    [JsonPropertyName("checkpoints")]
    public IReadOnlyList<BoardCheckpoint> Checkpoints { get; init; } = [];

    /// <summary>The published result: the engine's JSON report (<c>method</c>, <c>seed</c>, <c>elected</c>, <c>stages</c>...).</summary>
    [JsonPropertyName("result")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonObject? Result { get; init; }

    /// <summary>The options the board is written and read with (indented, LF line ends, names as given).</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        NewLine = "\n",
        // A downloaded file and a JSON API response, never HTML: names stay readable (Siân, not Si\u00e2n).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>The board as JSON text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a board file.</summary>
    /// <exception cref="InputFormatException">The file is missing, not JSON, or not a board; the message names the file, line and field.</exception>
    public static BoardDocument Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var stream = File.OpenRead(path);
            return Read(stream, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputFormatException(path, 0, $"cannot read the file ({ex.Message}).");
        }
    }

    /// <summary>Reads a board from a stream; <paramref name="name"/> names it in error messages.</summary>
    /// <exception cref="InputFormatException">Not JSON, or not a board; the message names the line and field.</exception>
    public static BoardDocument Read(Stream stream, string name)
    {
        BoardDocument? board;
        try
        {
            board = JsonSerializer.Deserialize<BoardDocument>(stream, JsonOptions);
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? -1) + 1;
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "" : ex.Path.TrimStart('$', '.') + ": ";
            throw new InputFormatException(name, line, $"{field}not a bulletin board ({FirstSentence(ex.Message)}).");
        }

        if (board is null)
        {
            throw new InputFormatException(name, 0, "expected a bulletin board object, found null.");
        }

        var problem = board.Format != BoardHashes.FormatName ? $"format: expected \"{BoardHashes.FormatName}\", found \"{board.Format}\"."
            : !CountingMethods.Names.Contains(board.Method, StringComparer.Ordinal) ? $"method: '{board.Method}' is not one of {string.Join(", ", CountingMethods.Names)}."
            : board.Candidates.Count == 0 ? "candidates: the list is empty."
            : board.Candidates.Select((c, i) => Line(c, Invariant($"candidates[{i}]"))).FirstOrDefault(p => p is not null) is { } bad ? bad
            : board.Candidates.Distinct(StringComparer.Ordinal).Count() != board.Candidates.Count ? "candidates: a name is listed twice; ballots could not say which candidate they mean."
            : Line(board.Title, "title") is { } badTitle ? badTitle
            : board.Seats < 1 || board.Seats > board.Candidates.Count ? string.Create(CultureInfo.InvariantCulture, $"seats: {board.Seats} seats for {board.Candidates.Count} candidates.")
            : null;
        return problem is null ? board : throw new InputFormatException(name, 0, problem);
    }

    // The names and title go into the BLT file one a line.
    private static string? Line(string text, string field) =>
        text.Contains('\n', StringComparison.Ordinal) || text.Contains('\r', StringComparison.Ordinal) ? field + ": must be one line." : null;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    // System.Text.Json's first sentence, without the .NET type it names (a reader knows fields, not types).
    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        var sentence = (end < 0 ? message : message[..end]).TrimEnd('.');
        return sentence.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
            ? "a value of the wrong kind here"
            : Regex.Replace(sentence, @" for type '[^']*'", "", RegexOptions.None, TimeSpan.FromSeconds(1));
    }
}
