using System.IO.Compression;
using System.Text;
using Answerback.Formats;
using Answerback.OpinionMap;
using Answerback.OpinionMap.Polis;

namespace Answerback.Platform.Conversations;

/// <summary>
/// A conversation as a Pol.is export in a zip: <c>comments.csv</c>, <c>votes.csv</c>,
/// <c>participants-votes.csv</c> (the engine's <see cref="PolisExport"/> writes and reads them) and
/// <c>summary.csv</c> (Pol.is's key,value file) with the topic, the address and an
/// <c>attribution</c> row. Unzipped, it is what <c>answerback opinion analyze DIR</c> reads.
/// </summary>
public static class PolisZip
{
    public static void Write(Stream output, VoteMatrix matrix, OpinionMap.OpinionMap? map, string topic, string url, string attribution)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        Entry(zip, "comments.csv", w => PolisExport.WriteComments(matrix, w));
        Entry(zip, "votes.csv", w => PolisExport.WriteVotes(matrix, w));
        Entry(zip, "participants-votes.csv", w => PolisExport.WriteParticipantsVotes(matrix, map, w));
        Entry(zip, "summary.csv", w =>
        {
            w.Write("topic," + Quote(topic) + "\n");
            w.Write("url," + Quote(url) + "\n");
            w.Write("voters," + matrix.ParticipantCount.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n");
            w.Write("comments," + matrix.StatementCount.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n");
            w.Write("attribution," + Quote(attribution) + "\n");
        });
    }

    /// <summary>
    /// Reads an uploaded export zip: comments.csv with votes.csv (or participants-votes.csv), and the
    /// attribution row of summary.csv when present. Errors name the file in the zip and the line.
    /// </summary>
    /// <exception cref="InputFormatException">The zip or a file in it is malformed.</exception>
    public static (VoteMatrix Matrix, string? Topic, string? Attribution) Read(Stream zipStream, string fileName)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(zipStream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            throw new InputFormatException(fileName, 0, "is not a zip file; expected a Pol.is export (comments.csv and votes.csv, zipped)");
        }

        using (zip)
        {
            ZipArchiveEntry? Find(string name) => zip.Entries.FirstOrDefault(e => string.Equals(Path.GetFileName(e.FullName), name, StringComparison.OrdinalIgnoreCase));
            var comments = Find("comments.csv") ?? throw new InputFormatException(fileName, 0, "holds no comments.csv (the list of statements)");
            IReadOnlyList<StatementInfo> statements;
            using (var s = comments.Open())
            {
                statements = PolisExport.ReadComments(s, fileName + "/comments.csv");
            }

            VoteMatrix matrix;
            if (Find("votes.csv") is { } votes)
            {
                using var s = votes.Open();
                matrix = PolisExport.ReadVotes(statements, s, fileName + "/votes.csv");
            }
            else if (Find("participants-votes.csv") is { } participants)
            {
                using var s = participants.Open();
                matrix = PolisExport.ReadParticipantsVotes(statements, s, fileName + "/participants-votes.csv").Matrix;
            }
            else
            {
                throw new InputFormatException(fileName, 0, "holds neither votes.csv nor participants-votes.csv");
            }

            string? topic = null, attribution = null;
            if (Find("summary.csv") is { } summary)
            {
                using var reader = new StreamReader(summary.Open(), Encoding.UTF8);
                while (reader.ReadLine() is { } line)
                {
                    var comma = line.IndexOf(',', StringComparison.Ordinal);
                    if (comma > 0)
                    {
                        var key = line[..comma].Trim();
                        var value = line[(comma + 1)..].Trim().Trim('"').Replace("\"\"", "\"", StringComparison.Ordinal);
                        topic = string.Equals(key, "topic", StringComparison.OrdinalIgnoreCase) ? value : topic;
                        attribution = string.Equals(key, "attribution", StringComparison.OrdinalIgnoreCase) ? value : attribution;
                    }
                }
            }

            return (matrix, topic, attribution);
        }
    }

    private static void Entry(ZipArchive zip, string name, Action<TextWriter> write)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
        write(writer);
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
