using Answerback.Formats;

namespace Answerback.Counting.Formats;

/// <summary>Reads any supported ballot file, choosing the format by its extension.</summary>
public static class BallotFiles
{
    /// <summary>
    /// The most candidates a file may declare. BLT and PrefLib give the number before any name, and the readers size
    /// their buffers by it: without a limit, a header of <c>2000000000 1</c> exhausts memory before any error.
    /// </summary>
    public const int MaxCandidates = 100_000;

    /// <summary>The extensions understood: .blt, .soi, .toi, .csv (cast vote records), .json.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".blt", ".soi", ".toi", ".csv", ".json"];

    /// <summary>
    /// Reads <paramref name="path"/>. <paramref name="seats"/> is used by formats that carry no seat count
    /// (PrefLib, CSV); BLT and JSON files give their own.
    /// </summary>
    /// <exception cref="InputFormatException">The file is missing, of an unknown type, or malformed.</exception>
    public static Election Read(string path, int seats = 1)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new InputFormatException(path, 0, "no such file.");
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".blt" => BltFormat.Read(path),
            ".soi" or ".toi" => PrefLibFormat.Read(path, seats),
            ".csv" => CvrCsvFormat.Read(path, seats),
            ".json" => JsonBallotFormat.Read(path),
            _ => throw new InputFormatException(path, 0, $"unknown ballot file type '{extension}'; expected one of {string.Join(", ", Extensions)}."),
        };
    }
}
