using Answerback.Platform.Common;

namespace Answerback.Cli.Commands.Areas;

/// <summary>Prints an import report's errors as <c>FILE:LINE: field: message</c>, one per line (the compiler convention editors understand).</summary>
internal static class ImportErrors
{
    public static async Task WriteAsync(CliContext context, string path, IReadOnlyList<FieldError> errors)
    {
        foreach (var error in errors)
        {
            var where = error.Line > 0 ? $"{path}:{error.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : path;
            await context.Error.WriteLineAsync($"{where}: {error.Field}: {error.Message}");
        }
    }
}
