namespace Answerback.OpinionMap.Polis;

/// <summary>The header row of a CSV file: column lookup, with duplicate and missing names reported by file and line.</summary>
internal sealed class CsvHeader
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly string _fileName;

    public CsvHeader(IReadOnlyList<string> names, string fileName, int line)
    {
        _fileName = fileName;
        Line = line;
        Names = [.. names.Select(n => n.Trim())];
        for (var i = 0; i < Names.Length; i++)
        {
            if (!_index.TryAdd(Names[i], i))
            {
                throw new PolisFormatException(fileName, line, $"duplicate column name '{Names[i]}' (columns {_index[Names[i]] + 1} and {i + 1})");
            }
        }
    }

    public string[] Names { get; }

    public int Line { get; }

    public int Required(string name)
    {
        if (_index.TryGetValue(name, out var i))
        {
            return i;
        }

        throw new PolisFormatException(_fileName, Line, $"missing column '{name}' (the header has: {string.Join(", ", Names)})");
    }

    public int Optional(string name) => _index.TryGetValue(name, out var i) ? i : -1;

    public static CsvHeader Read(CsvRecordReader reader, List<string> fields, string fileName)
    {
        if (!reader.Read(fields))
        {
            throw new PolisFormatException(fileName, 1, "the file is empty; expected a header row");
        }

        // A UTF-8 byte-order mark is not part of the first name.
        if (fields.Count > 0 && fields[0].Length > 0 && fields[0][0] == '\uFEFF')
        {
            fields[0] = fields[0][1..];
        }

        return new CsvHeader(fields, fileName, reader.RecordLine);
    }
}
