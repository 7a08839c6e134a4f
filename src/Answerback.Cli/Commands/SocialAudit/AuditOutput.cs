using System.Globalization;
using System.Text;
using Answerback.SocialAudit;

namespace Answerback.Cli.Commands.SocialAudit;

/// <summary>Where <c>answerback audit</c> writes: standard output, or a file written whole or not at all (temp file, then move). The formats are the engine's (<see cref="CoordinationReport"/>...).</summary>
internal static class AuditOutput
{
    public static ReportFormat ParseFormat(string name) => name switch
    {
        "text" => ReportFormat.Text,
        "csv" => ReportFormat.Csv,
        "json" => ReportFormat.Json,
        "graphml" => ReportFormat.GraphMl,
        _ => throw new CliException($"unknown --format '{name}'"),
    };

    /// <summary>The extension of a file written in the format.</summary>
    public static string Extension(ReportFormat format) => format switch
    {
        ReportFormat.Csv => ".csv",
        ReportFormat.Json => ".json",
        ReportFormat.GraphMl => ".graphml",
        _ => ".txt",
    };

    /// <summary>Writes to the file (atomically) or to standard output.</summary>
    public static void Write(CliContext context, string? path, Action<TextWriter> write)
    {
        if (path is null)
        {
            write(context.Output);
            context.Output.Flush();
            return;
        }

        WriteFile(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            write(writer);
        });
    }

    /// <summary>Writes a temp file beside the target and moves it into place, so a failure leaves nothing half written.</summary>
    public static void WriteFile(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
        {
            throw new CliException($"{path}: the folder {folder} does not exist");
        }

        var temp = Path.Combine(folder, "." + Path.GetFileName(full) + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                write(stream);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
