using System.Text.Json;
using Answerback.Formats;

namespace Answerback.Counting.Formats;

/// <summary>
/// A simple JSON ballot file:
/// <code>
/// { "title": "Example", "seats": 2, "candidates": ["A", "B", "C"], "withdrawn": ["C"],
///   "ballots": [ { "ranks": ["A", "B"], "count": 3 }, { "ranks": [["A", "B"], "C"] }, { "ranks": [] } ] }
/// </code>
/// Each ballot's <c>ranks</c> lists its ranks in order: a name, or an array of names ranked equal (an empty
/// array is a skipped rank). <c>count</c> (default 1) groups identical ballots; <c>seats</c> defaults to 1.
/// </summary>
public static class JsonBallotFormat
{
    /// <summary>Reads a JSON ballot file.</summary>
    /// <exception cref="InputFormatException">The file is empty or malformed; the message names the file and line or ballot.</exception>
    public static Election Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads a JSON ballot file from a stream; <paramref name="name"/> names it in error messages.</summary>
    public static Election Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(stream);
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? -1) + 1;
            throw new InputFormatException(name, line, line == 1 && stream.CanSeek && stream.Length == 0 ? "the file is empty; expected a JSON ballot file." : $"not valid JSON ({ex.Message.Split('.')[0]}).");
        }

        using (doc)
        {
            try
            {
                return Read(doc.RootElement, name);
            }
            catch (InvalidOperationException)
            {
                // The JSON reader accepts invalid UTF-8 and unpaired \u surrogate escapes inside strings; decoding
                // a name (or matching a property name) fails.
                throw new InputFormatException(name, 0, "a name or key is not valid UTF-8 text or holds an unpaired \\u surrogate escape.");
            }
        }
    }

    private static Election Read(JsonElement root, string name)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("candidates", out var candidatesElement) || candidatesElement.ValueKind != JsonValueKind.Array)
        {
            throw new InputFormatException(name, 0, "expected an object with a \"candidates\" array of names.");
        }

        var candidates = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in candidatesElement.EnumerateArray())
        {
            var candidateName = c.ValueKind == JsonValueKind.String ? c.GetString()! : throw new InputFormatException(name, 0, "every candidate must be a name (a string).");
            if (!index.TryAdd(candidateName, candidates.Count))
            {
                throw new InputFormatException(name, 0, $"candidate '{candidateName}' is listed twice.");
            }

            candidates.Add(candidateName);
        }

        var seats = 1;
        if (root.TryGetProperty("seats", out var seatsElement) && (!seatsElement.TryGetInt32(out seats) || seats < 1))
        {
            throw new InputFormatException(name, 0, "\"seats\" must be a positive whole number.");
        }

        if (seats > candidates.Count)
        {
            throw new InputFormatException(name, 0, $"{seats} seats but only {candidates.Count} candidates.");
        }

        int Lookup(JsonElement e, int ballot)
        {
            var text = e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new InputFormatException(name, 0, $"ballot {ballot}: expected a candidate name, found {e.ValueKind}.");
            return index.TryGetValue(text, out var i) ? i : throw new InputFormatException(name, 0, $"ballot {ballot}: unknown candidate '{text}'.");
        }

        var withdrawn = root.TryGetProperty("withdrawn", out var w) && w.ValueKind == JsonValueKind.Array
            ? w.EnumerateArray().Select(e => Lookup(e, 0)).ToList()
            : [];
        var title = root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (!root.TryGetProperty("ballots", out var ballotsElement) || ballotsElement.ValueKind != JsonValueKind.Array)
        {
            throw new InputFormatException(name, 0, "expected a \"ballots\" array.");
        }

        var ballots = new List<Ballot>();
        var number = 0;
        long total = 0;
        foreach (var b in ballotsElement.EnumerateArray())
        {
            number++;
            if (b.ValueKind != JsonValueKind.Object || !b.TryGetProperty("ranks", out var ranksElement) || ranksElement.ValueKind != JsonValueKind.Array)
            {
                throw new InputFormatException(name, 0, $"ballot {number}: expected an object with a \"ranks\" array.");
            }

            long count = 1;
            if (b.TryGetProperty("count", out var countElement) && (!countElement.TryGetInt64(out count) || count < 1))
            {
                throw new InputFormatException(name, 0, $"ballot {number}: \"count\" must be a positive whole number.");
            }

            try
            {
                total = checked(total + count);
            }
            catch (OverflowException)
            {
                throw new InputFormatException(name, 0, $"ballot {number}: {RankingTally.TotalTooLarge}");
            }

            var ranks = ranksElement.EnumerateArray()
                .Select(r => r.ValueKind == JsonValueKind.Array ? r.EnumerateArray().Select(e => Lookup(e, number)).ToList() : [Lookup(r, number)])
                .ToList();
            ballots.Add(ranks.All(r => r.Count == 1) ? Ballot.Ranked(ranks.Select(r => r[0]), count) : Ballot.WithRanks(ranks, count));
        }

        try
        {
            return new Election(candidates, ballots, seats, withdrawn, title);
        }
        catch (CountingException ex)
        {
            throw new InputFormatException(name, 0, ex.Message);
        }
    }

    /// <summary>Writes an election as a JSON ballot file.</summary>
    public static void Write(Election election, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(election);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        if (election.Title is not null)
        {
            json.WriteString("title", election.Title);
        }

        json.WriteNumber("seats", election.Seats);
        json.WriteStartArray("candidates");
        foreach (var c in election.Candidates)
        {
            json.WriteStringValue(c);
        }

        json.WriteEndArray();
        json.WriteStartArray("withdrawn");
        foreach (var c in election.Withdrawn)
        {
            json.WriteStringValue(election.Candidates[c]);
        }

        json.WriteEndArray();
        json.WriteStartArray("ballots");
        foreach (var ballot in election.Ballots)
        {
            json.WriteStartObject();
            json.WriteStartArray("ranks");
            for (var r = 0; r < ballot.RankCount; r++)
            {
                var rank = ballot.Rank(r);
                if (rank.Length == 1)
                {
                    json.WriteStringValue(election.Candidates[rank[0]]);
                    continue;
                }

                json.WriteStartArray();
                foreach (var c in rank)
                {
                    json.WriteStringValue(election.Candidates[c]);
                }

                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteNumber("count", ballot.Weight);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
