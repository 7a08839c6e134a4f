namespace Answerback.OpinionMap.Polis;

/// <summary>A Pol.is export file that cannot be read: names the file, the line and what was expected.</summary>
public sealed class PolisFormatException : Exception
{
    /// <summary>Creates the error for <paramref name="fileName"/> at <paramref name="line"/> (1-based).</summary>
    public PolisFormatException(string fileName, int line, string problem)
        : base($"{fileName}, line {line.ToString(System.Globalization.CultureInfo.InvariantCulture)}: {problem}")
    {
        FileName = fileName;
        Line = line;
        Problem = problem;
    }

    /// <summary>The file's name as given to the reader.</summary>
    public string FileName { get; }

    /// <summary>The 1-based line on which the faulty record starts.</summary>
    public int Line { get; }

    /// <summary>What was wrong, without the file and line.</summary>
    public string Problem { get; }
}
