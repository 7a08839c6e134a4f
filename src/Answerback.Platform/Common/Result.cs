using System.Diagnostics.CodeAnalysis;
using Answerback.Platform.Imports;

namespace Answerback.Platform.Common;

/// <summary>
/// A problem with one input: the field as the form, file column or command option calls it, what is
/// wrong, and for a file the line it is on (0 when the problem is not about one line).
/// </summary>
public sealed record FieldError(string Field, string Message, int Line = 0)
{
    /// <summary>The errors of a file import, as field errors with their lines.</summary>
    public static IReadOnlyList<FieldError> FromImport(IEnumerable<ImportError> errors)
        => [.. errors.Select(e => new FieldError(e.Field, e.Message, e.Line))];
}

/// <summary>
/// The one shape of a use case that can fail on a user's input: the errors, and
/// <see cref="Succeeded"/> when there are none. Nothing was changed when there are errors.
/// </summary>
public record Result(IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    /// <summary>A success with its value.</summary>
    public static Result<T> Ok<T>(T value)
        where T : class
        => new(value ?? throw new ArgumentNullException(nameof(value)), []);

    /// <summary>A failure: at least one error, no value.</summary>
    public static Result<T> Failed<T>(IReadOnlyList<FieldError> errors)
        where T : class
        => errors is { Count: > 0 } ? new(null, errors) : throw new ArgumentException("A failed result needs at least one error.", nameof(errors));

    /// <summary>A failure with one error.</summary>
    public static Result<T> Failed<T>(string field, string message)
        where T : class
        => Failed<T>([new FieldError(field, message)]);
}

/// <summary>A <see cref="Result"/> with the use case's value, present exactly when it succeeded.</summary>
public sealed record Result<T> : Result
    where T : class
{
    internal Result(T? value, IReadOnlyList<FieldError> errors)
        : base(errors)
    {
        Value = value;
    }

    /// <summary>What the use case made or found; null when it failed.</summary>
    public T? Value { get; }

    /// <summary>True when there are no errors (and so a value).</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    public new bool Succeeded => Value is not null;
}
