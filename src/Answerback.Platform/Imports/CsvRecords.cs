using System.Runtime.CompilerServices;
using System.Text;

namespace Answerback.Platform.Imports;

/// <summary>A problem with one line (or field) of an uploaded file. Line 0 means the file as a whole.</summary>
public sealed record ImportError(int Line, string Field, string Message)
{
    /// <summary>"line 12, postcode: not a UK postcode".</summary>
    public override string ToString()
        => Line > 0 ? $"line {Line}, {Field}: {Message}" : $"{Field}: {Message}";
}

/// <summary>One CSV record: its first physical line, its fields, or why it could not be read.</summary>
internal sealed record CsvRecord(int Line, string[] Fields, string? Error)
{
    public bool IsBlank => Error is null && Fields.Length == 1 && Fields[0].Length == 0;
}

/// <summary>
/// A streaming RFC 4180 reader that keeps line numbers and decodes UTF-8 strictly, record by
/// record, so a file with one badly encoded line gets an error naming that line instead of a
/// garbled value. Hand-rolled rather than CsvHelper because it must split at the byte level
/// (before decoding) and must read asynchronously from an upload stream. Splitting bytes is safe:
/// the quote and newline bytes never occur inside a multi-byte UTF-8 sequence.
/// </summary>
internal static class CsvRecords
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async IAsyncEnumerable<CsvRecord> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var buffer = new byte[64 * 1024];
        var record = new List<byte>(256);
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var first = true;
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            var start = 0;
            if (first)
            {
                first = false;
                // A UTF-8 byte-order mark (Excel writes one) is not part of the first header.
                if (read >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
                {
                    start = 3;
                }
            }

            for (var i = start; i < read; i++)
            {
                var b = buffer[i];
                if (b == (byte)'"')
                {
                    inQuotes = !inQuotes;
                }
                else if (b == (byte)'\n')
                {
                    line++;
                    if (!inQuotes)
                    {
                        yield return Decode(record, recordLine);
                        record.Clear();
                        recordLine = line;
                        continue;
                    }
                }

                record.Add(b);
            }
        }

        if (inQuotes)
        {
            yield return new CsvRecord(recordLine, [], "a quoted field is not closed before the end of the file");
        }
        else if (record.Count > 0)
        {
            yield return Decode(record, recordLine);
        }
    }

    private static CsvRecord Decode(List<byte> bytes, int line)
    {
        var count = bytes.Count;
        if (count > 0 && bytes[count - 1] == (byte)'\r')
        {
            count--;
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes)[..count]);
        }
        catch (DecoderFallbackException)
        {
            return new CsvRecord(line, [], "not valid UTF-8 text (save the file as CSV UTF-8)");
        }

        return Split(text, line);
    }

    private static CsvRecord Split(string text, int line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            if (i < text.Length && text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        return new CsvRecord(line, [], "a quoted field is not closed");
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(text[i++]);
                }

                if (i < text.Length && text[i] != ',')
                {
                    return new CsvRecord(line, [], "text after a closing quote (a quote inside a field must be doubled)");
                }
            }
            else
            {
                while (i < text.Length && text[i] != ',')
                {
                    field.Append(text[i++]);
                }
            }

            fields.Add(field.ToString());
            if (i >= text.Length)
            {
                return new CsvRecord(line, [.. fields], null);
            }

            i++; // the comma
        }
    }
}

/// <summary>Finds named columns in a header record (case-insensitive, surrounding spaces ignored).</summary>
internal sealed class CsvHeader(string[] names)
{
    public int IndexOf(string name)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (string.Equals(names[i].Trim(), name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    public static string Field(CsvRecord record, int index)
        => index >= 0 && index < record.Fields.Length ? record.Fields[index].Trim() : "";
}
