using System.Text.Json;
using Answerback.Formats;

namespace Answerback.SocialAudit;

/// <summary>
/// Walks a JSON array (the root, or the array under a top-level property) one element at a time with
/// <see cref="Utf8JsonReader"/>, materialising only the current element, and reports errors by file, line and column.
/// </summary>
internal static class JsonElements
{
    /// <summary>Calls <paramref name="each"/> with every element and the 1-based line it starts on.</summary>
    public static void ForEach(ReadOnlySpan<byte> json, string file, string? property, Action<JsonElement, long> each, long firstLine = 1, long firstLineColumnOffset = 0)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        long line = firstLine;
        var counted = 0;
        long LineAt(ReadOnlySpan<byte> all, long index)
        {
            for (; counted < index; counted++)
            {
                if (all[counted] == (byte)'\n')
                {
                    line++;
                }
            }

            return line;
        }

        try
        {
            if (!reader.Read())
            {
                throw new InputFormatException(file, firstLine, 0, "the file is empty (expected JSON)");
            }

            if (property is not null)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw new InputFormatException(file, firstLine, 0, $"expected a JSON object with '{property}'");
                }

                var found = false;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && NameIs(ref reader, property, file, LineAt(json, reader.TokenStartIndex)))
                    {
                        reader.Read();
                        found = true;
                        break;
                    }

                    if (reader.TokenType == JsonTokenType.PropertyName)
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }

                if (!found)
                {
                    throw new InputFormatException(file, 0, 0, $"no '{property}' array found");
                }
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new InputFormatException(file, LineAt(json, reader.TokenStartIndex), 0, property is null ? "expected a JSON array" : $"'{property}' must be an array");
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var at = LineAt(json, reader.TokenStartIndex);
                using var element = JsonDocument.ParseValue(ref reader);
                Json.At(file, at, () => each(element.RootElement, at));
            }

            if (reader.TokenType != JsonTokenType.EndArray)
            {
                throw new InputFormatException(file, LineAt(json, json.Length), 0, "the JSON ends before the array is closed (truncated file?)");
            }
        }
        catch (JsonException ex)
        {
            var l = (ex.LineNumber ?? 0) + firstLine;
            var column = (ex.BytePositionInLine ?? 0) + 1 + (l == firstLine ? firstLineColumnOffset : 0);
            var problem = ex.Message.Contains("end of data", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("end of the JSON", StringComparison.OrdinalIgnoreCase)
                ? "the JSON ends before it is complete (truncated file?)" : "malformed JSON";
            throw new InputFormatException(file, l, column, problem, ex);
        }
    }

    /// <summary>
    /// Whether the property name at <paramref name="reader"/> is <paramref name="name"/>. Comparing unescapes the
    /// name, which fails on an unpaired <c>\u</c> surrogate escape: that is an error at <paramref name="line"/>.
    /// </summary>
    public static bool NameIs(ref Utf8JsonReader reader, string name, string file, long line)
    {
        try
        {
            return reader.ValueTextEquals(name);
        }
        catch (InvalidOperationException ex)
        {
            throw new InputFormatException(file, line, 0, JsonTextException.Problem, ex);
        }
    }

    /// <summary>Parses a whole (small) document, reporting errors by position.</summary>
    public static JsonDocument Parse(ReadOnlyMemory<byte> json, string file)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw Json.Malformed(file, ex);
        }
    }
}
