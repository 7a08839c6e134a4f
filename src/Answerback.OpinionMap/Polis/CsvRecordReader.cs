using System.Text;

namespace Answerback.OpinionMap.Polis;

/// <summary>
/// A small RFC 4180 reader that reports the physical line on which each record starts, so import
/// errors can name the file and line. Quoted fields may contain commas, doubled quotes and line
/// breaks (Pol.is comment bodies often do).
/// </summary>
internal sealed class CsvRecordReader
{
    private readonly TextReader _reader;
    private readonly string _fileName;
    private readonly StringBuilder _field = new();
    private int _line = 1;

    public CsvRecordReader(TextReader reader, string fileName)
    {
        _reader = reader;
        _fileName = fileName;
    }

    /// <summary>The line (1-based) on which the last record returned by <see cref="Read"/> started.</summary>
    public int RecordLine { get; private set; }

    /// <summary>Reads the next record into <paramref name="fields"/>; false at end of file.</summary>
    public bool Read(List<string> fields)
    {
        fields.Clear();
        _field.Clear();
        var c = _reader.Read();
        if (c < 0)
        {
            return false;
        }

        RecordLine = _line;
        var inQuotes = false;
        var fieldWasQuoted = false;
        while (true)
        {
            if (c < 0)
            {
                if (inQuotes)
                {
                    throw new PolisFormatException(_fileName, RecordLine, "a quoted field is not closed before the end of the file");
                }

                fields.Add(_field.ToString());
                return true;
            }

            var ch = (char)c;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (_reader.Peek() == '"')
                    {
                        _reader.Read();
                        _field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        _line++;
                    }

                    _field.Append(ch);
                }
            }
            else if (ch == ',')
            {
                fields.Add(_field.ToString());
                _field.Clear();
                fieldWasQuoted = false;
            }
            else if (ch == '"' && _field.Length == 0 && !fieldWasQuoted)
            {
                inQuotes = true;
                fieldWasQuoted = true;
            }
            else if (ch == '\r' || ch == '\n')
            {
                if (ch == '\r' && _reader.Peek() == '\n')
                {
                    _reader.Read();
                }

                _line++;
                fields.Add(_field.ToString());
                return true;
            }
            else
            {
                _field.Append(ch);
            }

            c = _reader.Read();
        }
    }
}
