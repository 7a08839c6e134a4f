using Answerback.Formats;
using Answerback.Formats.Csv;

namespace Answerback.Platform.Imports;

/// <summary>A problem with one line (or field) of an uploaded file. Line 0 means the file as a whole.</summary>
public sealed record ImportError(int Line, string Field, string Message)
{
    /// <summary>"line 12, postcode: not a UK postcode".</summary>
    public override string ToString()
        => Line > 0 ? $"line {Line}, {Field}: {Message}" : $"{Field}: {Message}";

    /// <summary>A CSV error (<see cref="InputFormatException"/>) as an upload error: at its line, the field being its column.</summary>
    public static ImportError From(InputFormatException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new ImportError(
            (int)error.Line,
            error.Line <= 0 ? error.File : error.Column > 0 ? FormattableString.Invariant($"column {error.Column}") : "line",
            error.Problem);
    }
}

/// <summary>
/// An uploaded CSV read with the project's one tokeniser and header rules (Answerback.Formats; see
/// docs/architecture.md, "CSV"), streamed asynchronously. Unlike the engines, which stop at the first
/// problem, an upload lists every bad row: a CSV syntax error is reported and ends the reading, while
/// a blank line in the middle and a row of the wrong width are reported and read past, and the importer
/// reports bad values row by row.
/// </summary>
internal sealed class CsvUpload(Stream csv, string fileName, Action<ImportError> error) : IAsyncDisposable
{
    private readonly CsvReader _reader = new(csv, fileName, leaveOpen: true);
    private CsvHeader? _header;

    /// <summary>The header, once <see cref="ReadHeaderAsync"/> has succeeded.</summary>
    public CsvHeader Header => _header ?? throw new InvalidOperationException("The header has not been read.");

    /// <summary>The line the current row starts on.</summary>
    public int Line => (int)_reader.Line;

    /// <summary>
    /// Reads the header (described by <paramref name="expected"/>) and checks that it has the
    /// <paramref name="required"/> columns; false, with the errors reported, when the rows cannot be read.
    /// </summary>
    public async Task<bool> ReadHeaderAsync(string expected, IReadOnlyList<string> required, CancellationToken ct)
    {
        try
        {
            _header = await CsvHeader.ReadAsync(_reader, expected, ct);
        }
        catch (InputFormatException ex)
        {
            error(ImportError.From(ex));
            return false;
        }

        var ok = true;
        foreach (var column in required.Where(c => _header.Optional(c) < 0))
        {
            error(new ImportError((int)_header.Line, column, _header.MissingProblem(column)));
            ok = false;
        }

        return ok;
    }

    /// <summary>Moves to the next row of the header's width; false at the end or after a CSV error (reported).</summary>
    public async Task<bool> ReadAsync(CancellationToken ct)
    {
        while (true)
        {
            try
            {
                if (!await _reader.ReadAsync(ct))
                {
                    return false;
                }
            }
            catch (InputFormatException ex)
            {
                error(ImportError.From(ex));
                if (_reader.CanContinue)
                {
                    continue;
                }

                return false;
            }

            if (Header.WidthProblem(_reader) is not { } problem)
            {
                return true;
            }

            error(new ImportError(Line, "line", problem));
        }
    }

    /// <summary>The trimmed value of column <paramref name="index"/> of the current row; "" for an absent optional column (−1).</summary>
    public string Field(int index) => index < 0 ? "" : _reader.GetString(index).Trim();

    public ValueTask DisposeAsync() => _reader.DisposeAsync();
}
