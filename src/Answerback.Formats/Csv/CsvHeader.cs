using System.Globalization;

namespace Answerback.Formats.Csv;

/// <summary>
/// The header record of a CSV file and the project's header rules: names are trimmed and matched without
/// regard to case; two columns with the same name (in any case) are an error naming both; a required column
/// that is missing is an error naming it, what was expected and what the header has; optional and unknown
/// columns may be absent or present; every record must have as many fields as the header.
/// </summary>
public sealed class CsvHeader
{
    private readonly Dictionary<string, int> _index = new(StringComparer.OrdinalIgnoreCase);
    private readonly string _file;

    private CsvHeader(CsvReader csv, string expected)
    {
        _file = csv.File;
        Line = csv.Line;
        Expected = expected;
        Names = [.. csv.GetStrings().Select(n => n.Trim())];
        for (var i = 0; i < Names.Count; i++)
        {
            if (Names[i].Length > 0 && !_index.TryAdd(Names[i], i))
            {
                throw csv.Error(i, string.Create(CultureInfo.InvariantCulture,
                    $"duplicate column name '{Names[i]}' (columns {_index[Names[i]] + 1} and {i + 1})"));
            }
        }
    }

    /// <summary>The column names, trimmed.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The line the header is on.</summary>
    public long Line { get; }

    /// <summary>What the importer expects, as said in errors (for example <c>code,name,parent_code</c>).</summary>
    public string Expected { get; }

    /// <summary>
    /// Reads the first record of <paramref name="csv"/> as the header. <paramref name="expected"/> describes the
    /// header the importer wants, for the errors.
    /// </summary>
    /// <exception cref="InputFormatException">The file is empty, or a column name appears twice.</exception>
    public static CsvHeader Read(CsvReader csv, string expected)
    {
        ArgumentNullException.ThrowIfNull(csv);
        if (!csv.Read())
        {
            throw new InputFormatException(csv.File, 0, 0, EmptyFile(expected));
        }

        return new CsvHeader(csv, expected);
    }

    /// <summary>As <see cref="Read"/>, awaiting the stream.</summary>
    public static async ValueTask<CsvHeader> ReadAsync(CsvReader csv, string expected, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        if (!await csv.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new InputFormatException(csv.File, 0, 0, EmptyFile(expected));
        }

        return new CsvHeader(csv, expected);
    }

    /// <summary>The problem of a file with no header at all.</summary>
    public static string EmptyFile(string expected) => $"the file is empty; expected a header row ({expected})";

    /// <summary>The index of the column <paramref name="name"/>; throws when it is missing.</summary>
    /// <exception cref="InputFormatException">No such column; names the header line.</exception>
    public int Required(string name)
    {
        var i = Optional(name);
        return i >= 0 ? i : throw new InputFormatException(_file, Line, 0, MissingProblem(name));
    }

    /// <summary>The index of the column <paramref name="name"/>, or −1.</summary>
    public int Optional(string name) => _index.TryGetValue(name, out var i) ? i : -1;

    /// <summary>The problem reported for a missing required column (for importers that list every problem instead of throwing).</summary>
    public string MissingProblem(string name) =>
        $"missing column '{name}' (expected {Expected}; the header has: {string.Join(", ", Names)})";

    /// <summary>The problem with the current record's width, or null when it has as many fields as the header.</summary>
    public string? WidthProblem(CsvReader csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        return csv.FieldCount == Names.Count ? null
            : string.Create(CultureInfo.InvariantCulture, $"expected {Names.Count} columns as in the header, found {csv.FieldCount}");
    }

    /// <summary>Throws when the current record does not have as many fields as the header.</summary>
    /// <exception cref="InputFormatException">The width differs; names the record's line.</exception>
    public void CheckWidth(CsvReader csv)
    {
        if (WidthProblem(csv) is { } problem)
        {
            throw csv.Error(problem);
        }
    }
}
