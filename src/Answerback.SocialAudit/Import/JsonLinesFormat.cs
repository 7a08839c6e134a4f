using System.Text.Json;
using System.Text;
using Answerback.Formats;

namespace Answerback.SocialAudit;

/// <summary>
/// Answerback's own interchange: one JSON object per line with the fields of <see cref="Post"/> in snake case
/// (<c>network, id, account_id, handle, time, text, kind, reply_to_post_id, reply_to_account_id, repost_of_id,
/// urls, mentions, hashtags, visibility</c>). <c>answerback audit import</c> writes it; every command reads it.
/// </summary>
public static class JsonLinesFormat
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, SkipValidation = true };

    /// <summary>Writes one post per line.</summary>
    public static void Write(IEnumerable<Post> posts, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(posts);
        using var json = new Utf8JsonWriter(stream, WriterOptions);
        foreach (var p in posts)
        {
            json.Reset(stream);
            json.WriteStartObject();
            json.WriteString("network", p.Network);
            json.WriteString("id", p.Id);
            json.WriteString("account_id", p.AccountId);
            json.WriteString("handle", p.Handle);
            json.WriteString("time", p.Time.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("text", p.Text);
            json.WriteString("kind", KindName(p.Kind));
            WriteOptional(json, "reply_to_post_id", p.ReplyToPostId);
            WriteOptional(json, "reply_to_account_id", p.ReplyToAccountId);
            WriteOptional(json, "repost_of_id", p.RepostOfId);
            WriteList(json, "urls", p.Urls);
            WriteList(json, "mentions", p.Mentions);
            WriteList(json, "hashtags", p.Hashtags);
            json.WriteString("visibility", VisibilityName(p.Visibility));
            json.WriteEndObject();
            json.Flush();
            stream.WriteByte((byte)'\n');
        }
    }

    /// <summary>Reads posts lazily, one per non-blank line; <paramref name="file"/> names the source in errors.</summary>
    public static IEnumerable<Post> Read(Stream stream, string file)
    {
        // Strict UTF-8: invalid bytes are an error naming the line, never replaced.
        using var reader = new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        long line = 0;
        while (true)
        {
            string? text;
            try
            {
                text = reader.ReadLine();
            }
            catch (DecoderFallbackException ex)
            {
                throw new InputFormatException(file, line + 1, 0, "the file is not valid UTF-8 text", ex);
            }

            if (text is null)
            {
                yield break;
            }

            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            yield return Parse(text, file, line);
        }
    }

    private static Post Parse(string text, string file, long line)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new InputFormatException(file, line, (ex.BytePositionInLine ?? -1) + 1, "malformed JSON (expected one post object per line)", ex);
        }

        using (doc)
        {
            return Json.At(file, line, () => ToPost(doc.RootElement, file, line));
        }
    }

    private static Post ToPost(JsonElement e, string file, long line)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new InputFormatException(file, line, 0, "expected a JSON object");
        }

        string Required(string name) =>
            e.Str(name) is { Length: > 0 } v ? v : throw new InputFormatException(file, line, 0, $"the field '{name}' is missing");

        return new Post
        {
            Network = Required("network"),
            Id = Required("id"),
            AccountId = Required("account_id"),
            Handle = e.Str("handle") ?? "",
            Time = Json.Iso(e.Str("time"), file, line, "time"),
            Text = e.Str("text") ?? "",
            Kind = ParseKind(e.Str("kind"), file, line),
            ReplyToPostId = e.Str("reply_to_post_id"),
            ReplyToAccountId = e.Str("reply_to_account_id"),
            RepostOfId = e.Str("repost_of_id"),
            Urls = e.Prop("urls").Strings().ToList(),
            Mentions = e.Prop("mentions").Strings().ToList(),
            Hashtags = e.Prop("hashtags").Strings().ToList(),
            Visibility = ParseVisibility(e.Str("visibility")),
        };
    }

    /// <summary>The name used in files for a kind.</summary>
    public static string KindName(PostKind kind) => kind switch
    {
        PostKind.Reply => "reply",
        PostKind.Repost => "repost",
        PostKind.Quote => "quote",
        _ => "original",
    };

    private static string VisibilityName(PostVisibility v) => v switch
    {
        PostVisibility.Public => "public",
        PostVisibility.Unlisted => "unlisted",
        PostVisibility.Followers => "followers",
        PostVisibility.Direct => "direct",
        _ => "unknown",
    };

    private static PostKind ParseKind(string? value, string file, long line) => value switch
    {
        null or "original" => PostKind.Original,
        "reply" => PostKind.Reply,
        "repost" => PostKind.Repost,
        "quote" => PostKind.Quote,
        _ => throw new InputFormatException(file, line, 0, $"'kind' must be original, reply, repost or quote, found '{value}'"),
    };

    private static PostVisibility ParseVisibility(string? value) => value switch
    {
        "public" => PostVisibility.Public,
        "unlisted" => PostVisibility.Unlisted,
        "followers" => PostVisibility.Followers,
        "direct" => PostVisibility.Direct,
        _ => PostVisibility.Unknown,
    };

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteList(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values)
        {
            json.WriteStringValue(v);
        }

        json.WriteEndArray();
    }
}
