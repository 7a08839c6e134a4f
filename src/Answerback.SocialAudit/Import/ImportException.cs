namespace Answerback.SocialAudit;

/// <summary>
/// Input that cannot be read: names the file (for a zip, <c>archive.zip!entry</c>), the position and what was expected.
/// </summary>
public sealed class ImportException : Exception
{
    /// <summary>Creates the error.</summary>
    public ImportException(string file, long line, long column, string problem, Exception? inner = null)
        : base(Format(file, line, column, problem), inner)
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The file (or <c>zip!entry</c>) in error.</summary>
    public string File { get; }

    /// <summary>1-based line, or 0 when unknown.</summary>
    public long Line { get; }

    /// <summary>1-based column or byte position in the line, or 0 when unknown.</summary>
    public long Column { get; }

    /// <summary>What was wrong and what was expected.</summary>
    public string Problem { get; }

    private static string Format(string file, long line, long column, string problem) =>
        line <= 0 ? $"{file}: {problem}"
        : column <= 0 ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{file}:{line}: {problem}")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{file}:{line}:{column}: {problem}");
}
