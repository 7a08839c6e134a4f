using System.Text;

namespace Answerback.SocialAudit;

/// <summary>
/// A streaming RFC 4180 reader (quoted fields may hold commas, doubled quotes and line breaks) that knows the
/// line each record starts on, so errors can name it. Hand-rolled rather than CsvHelper to keep the engine on the
/// base class library and to avoid a per-field allocation beyond the field strings themselves.
/// </summary>
internal sealed class CsvRecordReader(TextReader reader, string file)
{
    private readonly StringBuilder _field = new();
    private long _line = 1;

    /// <summary>The line the last record returned started on.</summary>
    public long RecordLine { get; private set; }

    public string File => file;

    /// <summary>Reads the next record into <paramref name="fields"/>; false at the end of the input.</summary>
    public bool Read(List<string> fields)
    {
        fields.Clear();
        RecordLine = _line;
        int c;
        try
        {
            c = reader.Read();
        }
        catch (DecoderFallbackException ex)
        {
            throw new ImportException(file, _line, 0, "the file is not valid UTF-8 text (save it as UTF-8)", ex);
        }

        if (c < 0)
        {
            return false;
        }

        _field.Clear();
        var quoted = false;
        var afterQuote = false;
        while (true)
        {
            if (quoted)
            {
                if (c < 0)
                {
                    throw new ImportException(file, RecordLine, 0, "a quoted field is not closed before the end of the file (truncated file?)");
                }

                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        _field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                        afterQuote = true;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        _line++;
                    }

                    _field.Append((char)c);
                }
            }
            else if (c == ',' )
            {
                fields.Add(_field.ToString());
                _field.Clear();
                afterQuote = false;
            }
            else if (c == '\r' || c == '\n' || c < 0)
            {
                if (c == '\r' && reader.Peek() == '\n')
                {
                    reader.Read();
                }

                if (c >= 0)
                {
                    _line++;
                }

                fields.Add(_field.ToString());
                return true;
            }
            else if (c == '"' && _field.Length == 0 && !afterQuote)
            {
                quoted = true;
            }
            else if (afterQuote)
            {
                throw new ImportException(file, _line, 0, $"unexpected '{(char)c}' after a closing quote (expected a comma or the end of the line)");
            }
            else
            {
                _field.Append((char)c);
            }

            try
            {
                c = reader.Read();
            }
            catch (DecoderFallbackException ex)
            {
                throw new ImportException(file, _line, 0, "the file is not valid UTF-8 text (save it as UTF-8)", ex);
            }
        }
    }

    /// <summary>A strict UTF-8 reader: invalid bytes are an error rather than silently replaced.</summary>
    public static StreamReader OpenText(Stream stream) =>
        new(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
}
