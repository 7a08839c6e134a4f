using System.Globalization;

namespace Answerback.Formats;

/// <summary>
/// What is wrong with an input file and where: the file (for a zip, <c>archive.zip!entry</c>), the
/// 1-based line and column (0 when they do not apply) and the problem, which says what was expected.
/// </summary>
/// <param name="File">The file's name as given to the reader.</param>
/// <param name="Line">1-based physical line, or 0 for the file as a whole.</param>
/// <param name="Column">1-based character position in that line, or 0 when the whole line is meant.</param>
/// <param name="Problem">What was wrong and what was expected, without the position.</param>
public sealed record InputError(string File, long Line, long Column, string Problem)
{
    /// <summary>Like a compiler's message: <c>file:line:column: problem</c>, leaving out what is 0.</summary>
    public override string ToString() =>
        Line <= 0 ? $"{File}: {Problem}"
        : Column <= 0 ? string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}: {Problem}")
        : string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}:{Column}: {Problem}");
}

/// <summary>
/// An input file that cannot be read (a ballot file, a Pol.is export, posts, a register): the one
/// error every reader of the project throws for bad input. Its message is <see cref="InputError.ToString"/>.
/// </summary>
public sealed class InputFormatException : Exception
{
    /// <summary>Creates the error for <paramref name="file"/> at <paramref name="line"/> and <paramref name="column"/> (0 when unknown).</summary>
    public InputFormatException(string file, long line, long column, string problem, Exception? innerException = null)
        : this(new InputError(file, line, column, problem), innerException)
    {
    }

    /// <summary>Creates the error for <paramref name="file"/> at <paramref name="line"/> (0 for the whole file).</summary>
    public InputFormatException(string file, long line, string problem)
        : this(new InputError(file, line, 0, problem))
    {
    }

    /// <summary>Creates the exception for <paramref name="error"/>.</summary>
    public InputFormatException(InputError error, Exception? innerException = null)
        : base((error ?? throw new ArgumentNullException(nameof(error))).ToString(), innerException)
    {
        Error = error;
    }

    /// <summary>Creates the exception with no details.</summary>
    public InputFormatException()
        : this(new InputError("", 0, 0, "the input cannot be read"))
    {
    }

    /// <summary>Creates the exception with a problem and no position.</summary>
    public InputFormatException(string message)
        : this(new InputError("", 0, 0, message))
    {
    }

    /// <summary>Creates the exception with a problem, no position, and a cause.</summary>
    public InputFormatException(string message, Exception innerException)
        : this(new InputError("", 0, 0, message), innerException)
    {
    }

    /// <summary>The file, position and problem.</summary>
    public InputError Error { get; }

    /// <summary>The file (or <c>zip!entry</c>) in error.</summary>
    public string File => Error.File;

    /// <summary>1-based line, or 0 when no line applies.</summary>
    public long Line => Error.Line;

    /// <summary>1-based column (characters), or 0 when unknown.</summary>
    public long Column => Error.Column;

    /// <summary>What was wrong and what was expected.</summary>
    public string Problem => Error.Problem;

    /// <summary>The same error with its line moved by <paramref name="lines"/> (a part read on its own, then placed in its file).</summary>
    public InputFormatException MovedDown(long lines) => Line <= 0 ? this : new(Error with { Line = Error.Line + lines }, InnerException);
}
