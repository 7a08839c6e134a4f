using System.Globalization;
using System.Text.Json;
using Answerback.Formats;

namespace Answerback.SocialAudit;

/// <summary>Tolerant accessors: unknown fields are ignored, absent or null fields read as null.</summary>
internal static class Json
{
    public static JsonElement? Prop(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    public static string? Str(this JsonElement e, string name)
    {
        var v = e.Prop(name);
        return v?.ValueKind switch
        {
            JsonValueKind.String => v.Value.GetString(),
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
            { ValueKind: JsonValueKind.Array } a => a.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!),
            { ValueKind: JsonValueKind.String } s => [s.GetString()!],
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
