using Answerback.Counting;
using Answerback.Counting.Formats;

namespace Answerback.Benchmarks.Counting;

/// <summary>Where the counting benchmarks find the Scottish BLT files (../shared/data beside the checkout).</summary>
internal static class CountingData
{
    public static string BltFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Answerback.slnx")))
        {
            dir = dir.Parent;
        }

        var root = dir?.FullName ?? Directory.GetCurrentDirectory();
        var folder = Path.GetFullPath(Path.Combine(root, "..", "shared", "data", "stv", "blt"));
        return Directory.Exists(folder) ? folder : throw new DirectoryNotFoundException($"The Scottish BLT files are not at {folder}.");
    }

    public static string[] BltFiles() => [.. Directory.GetFiles(BltFolder(), "*.blt", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    public static Election[] LoadAll() => [.. BltFiles().Select(BltFormat.Read)];
}
