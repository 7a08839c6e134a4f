namespace Answerback.Counting.Formats;

/// <summary>A ballot file that cannot be read: names the file, the line (or position) and what was expected.</summary>
public sealed class BallotFileException : Exception
{
    /// <summary>Creates the exception for <paramref name="file"/> at <paramref name="line"/> (0 when no line applies).</summary>
    public BallotFileException(string file, int line, string problem)
        : base(line > 0 ? $"{file}:{line}: {problem}" : $"{file}: {problem}")
    {
        File = file;
        Line = line;
        Problem = problem;
    }

    /// <summary>Creates the exception with no details.</summary>
    public BallotFileException() : base("The ballot file cannot be read.")
    {
        File = string.Empty;
        Problem = Message;
    }

    /// <summary>Creates the exception with a message.</summary>
    public BallotFileException(string message) : base(message)
    {
        File = string.Empty;
        Problem = message;
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public BallotFileException(string message, Exception innerException) : base(message, innerException)
    {
        File = string.Empty;
        Problem = message;
    }

    /// <summary>The file's name as given.</summary>
    public string File { get; }

    /// <summary>1-based line number, or 0.</summary>
    public int Line { get; }

    /// <summary>What was wrong, without the file and line.</summary>
    public string Problem { get; }
}
