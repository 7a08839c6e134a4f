using System.Globalization;
using System.Text.Json;
using Answerback.Formats;

namespace Answerback.SocialAudit;

/// <summary>Tolerant accessors: unknown fields are ignored, absent or null fields read as null.</summary>
internal static class Json
{
    public static JsonElement? Prop(this JsonElement e, string name)
    {
        try
        {
            // Matching the name unescapes the document's property names, which fails on an unpaired \u escape.
            return e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;
        }
        catch (InvalidOperationException ex)
        {
            throw new JsonTextException(ex);
        }
    }

    /// <summary>A string value as text; <see cref="JsonTextException"/> when it cannot be (see <see cref="At"/>).</summary>
    public static string Text(this JsonElement e)
    {
        try
        {
            return e.GetString()!;
        }
        catch (InvalidOperationException ex)
        {
            throw new JsonTextException(ex);
        }
    }

    /// <summary>Runs <paramref name="read"/>, turning text that cannot be decoded into an error naming the file and line.</summary>
    public static T At<T>(string file, long line, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (JsonTextException ex)
        {
            throw new InputFormatException(file, line, 0, JsonTextException.Problem, ex);
        }
    }

    /// <inheritdoc cref="At{T}"/>
    public static void At(string file, long line, Action read) => At(file, line, () =>
    {
        read();
        return true;
    });

    public static string? Str(this JsonElement e, string name)
    {
        var v = e.Prop(name);
        return v?.ValueKind switch
        {
            JsonValueKind.String => v.Value.Text(),
            JsonValueKind.Number => v.Value.GetRawText(),
            _ => null,
        };
    }

    public static string? Str(this JsonElement? e, string name) => e is { } x ? x.Str(name) : null;

    public static IEnumerable<JsonElement> Items(this JsonElement? e) =>
        e is { ValueKind: JsonValueKind.Array } a ? a.EnumerateArray() : [];

    public static IEnumerable<string> Strings(this JsonElement? e) =>
        e switch
        {
            { ValueKind: JsonValueKind.Array } a => a.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.Text()),
            { ValueKind: JsonValueKind.String } s => [s.Text()],
            _ => [],
        };

    public static DateTimeOffset Iso(string? value, string file, long line, string field)
    {
        if (value is not null && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
        {
            return t;
        }

        throw new InputFormatException(file, line, 0, $"'{field}' must be an ISO 8601 date and time, found {(value is null ? "nothing" : "'" + value + "'")}");
    }

    public static InputFormatException Malformed(string file, JsonException ex, long lineOffset = 0) =>
        new(file, (ex.LineNumber ?? -1) + 1 + lineOffset, (ex.BytePositionInLine ?? -1) + 1,
            "malformed JSON (" + FirstSentence(ex.Message) + ")", ex);

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }
}

/// <summary>
/// A JSON string that cannot become .NET text: invalid UTF-8 inside it, or an unpaired <c>\u</c> surrogate escape
/// (the JSON reader accepts both; decoding fails). Thrown where no line is known; <see cref="Json.At"/> turns it
/// into an <see cref="InputFormatException"/> naming the file and line.
/// </summary>
#pragma warning disable CA1032 // internal, always wraps the decoding error: the standard constructors have no use
internal sealed class JsonTextException(InvalidOperationException inner) : Exception(Problem, inner)
#pragma warning restore CA1032
{
    public const string Problem = "a string is not valid UTF-8 text or holds an unpaired \\u surrogate escape";
}
