using System.IO.Compression;
using System.Text;
using Answerback.Counting.Formats;
using Answerback.Formats;
using Answerback.SocialAudit;

namespace Answerback.Fuzz;

/// <summary>One importer under fuzzing: how to read an input, and which error is its documented refusal.</summary>
/// <param name="Name">The format's name on the command line and in the report.</param>
/// <param name="Engine">The engine owning the reader (the regression test goes in its test project).</param>
/// <param name="Seeds">Valid inputs to mutate.</param>
/// <param name="Read">Reads one input completely (lazy readers are enumerated to the end).</param>
/// <param name="IsDocumentedError">The one place per format saying which exception is an allowed outcome.</param>
/// <param name="Mutate">A format-specific mutator, or null for the generic byte mutations.</param>
internal sealed record FuzzFormat(
    string Name,
    string Engine,
    IReadOnlyList<byte[]> Seeds,
    Action<byte[]> Read,
    Func<Exception, bool> IsDocumentedError,
    Func<byte[], byte[], Mutator, Random, byte[]>? Mutate = null);

/// <summary>
/// The documented error of each engine's readers: <see cref="InputFormatException"/>, naming the file read
/// (for a zip, <c>zip!entry</c>) and a place in it. When the readers' exception types change, this is the only
/// code to change.
/// </summary>
internal static class DocumentedErrors
{
    /// <summary>Every engine reader: <see cref="InputFormatException"/> naming the file (and the line, column or entry).</summary>
    public static bool Input(Exception ex, string file) =>
        ex is InputFormatException i && (i.File == file || i.File.StartsWith(file + "!", StringComparison.Ordinal)) && i.Problem.Length > 0;

    /// <summary>Platform: an upload whose report lists errors, each naming a line (0: the file as a whole) and a field.</summary>
    public static bool Upload(Exception ex) => ex is UploadRefused;

    /// <summary>Platform uploads throw nothing for bad input: their report lists errors. This turns a report into an outcome.</summary>
    public static void Report(IReadOnlyList<Answerback.Platform.Common.FieldError> errors)
    {
        if (errors.FirstOrDefault(e => e.Line < 0 || e.Field.Length == 0 || e.Message.Length == 0) is { } bad)
        {
            throw new InvalidDataException($"an upload error that names no place: {bad}");
        }

        if (errors.Count > 0)
        {
            throw new UploadRefused(errors[0].ToString());
        }
    }

    /// <summary>The harness's own marker: the upload was refused with placed errors.</summary>
#pragma warning disable CA1032 // the harness's own marker, never thrown outside it
    private sealed class UploadRefused(string first) : Exception(first);
#pragma warning restore CA1032
}

/// <summary>The formats fuzzed, each with its seeds: the repository's test data, the shared data and fuzz/seeds.</summary>
internal static class Formats
{
    private const int MaxSeedBytes = 64 * 1024;

    /// <summary>The sample archives the SocialAudit tests use.</summary>
    private const string Archives = "tests/data/SocialAudit/archives";

    public static IReadOnlyList<FuzzFormat> All(Paths paths) =>
    [
        Blt(paths), PrefLib(paths), JsonBallots(paths),
        XTweets(paths), XAccount(paths), ArchiveZip(paths), MastodonOutbox(paths), MastodonActor(paths),
        BlueskyFeed(paths), BlueskyThread(paths), JsonLines(paths),
    ];

    private static FuzzFormat Blt(Paths paths)
    {
        const string file = "fuzz.blt";
        return new("blt", "Counting", BltSeeds(paths), input => BltFormat.Read(new MemoryStream(input), file), ex => DocumentedErrors.Input(ex, file));
    }

    private static List<byte[]> BltSeeds(Paths paths) =>
    [
        .. paths.Files("fuzz/seeds/blt", "*.blt"), .. paths.Files("tests/data/Counting", "*.blt"),
        .. paths.SharedFiles("stv/blt", "*.blt").OrderBy(f => f.Length).Take(4),
    ];

    private static FuzzFormat PrefLib(Paths paths)
    {
        const string file = "fuzz.toi";
        return new("preflib", "Counting", paths.Files("fuzz/seeds/preflib", "*.?oi"), input => PrefLibFormat.Read(new MemoryStream(input), file, 2), ex => DocumentedErrors.Input(ex, file));
    }

    private static FuzzFormat JsonBallots(Paths paths)
    {
        const string file = "fuzz.json";
        // Besides the hand-written seed, the BLT seeds written out as JSON ballots: real ballots, ties and gaps.
        var seeds = paths.Files("fuzz/seeds/json-ballots", "*.json");
        foreach (var blt in BltSeeds(paths).Take(4))
        {
            using var json = new MemoryStream();
            JsonBallotFormat.Write(BltFormat.Read(new MemoryStream(blt), "seed.blt"), json);
            if (json.Length <= MaxSeedBytes)
            {
                seeds.Add(json.ToArray());
            }
        }

        return new("json-ballots", "Counting", seeds, input => JsonBallotFormat.Read(new MemoryStream(input), file), ex => DocumentedErrors.Input(ex, file));
    }

    private static FuzzFormat XTweets(Paths paths)
    {
        const string file = "fuzz/data/tweets.js";
        return new("x-tweets", "SocialAudit", paths.Files(Archives, "tweets.js"), input => XArchiveReader.ReadTweets(input, file, "1", "handle"), ex => DocumentedErrors.Input(ex, file));
    }

    private static FuzzFormat XAccount(Paths paths)
    {
        const string file = "fuzz/data/account.js";
        return new("x-account", "SocialAudit", paths.Files(Archives, "account.js"), input => XArchiveReader.ReadAccount(input, file), ex => DocumentedErrors.Input(ex, file));
    }

    private static FuzzFormat MastodonOutbox(Paths paths)
    {
        const string file = "fuzz/outbox.json";
        return new("mastodon-outbox", "SocialAudit", paths.Files(Archives, "outbox.json"), input => MastodonArchiveReader.ReadOutbox(input, file, null), ex => DocumentedErrors.Input(ex, file));
    }

    private static FuzzFormat MastodonActor(Paths paths)
    {
        const string file = "fuzz/actor.json";
        return new("mastodon-actor", "SocialAudit", paths.Files(Archives, "actor.json"), input => MastodonArchiveReader.ReadHandle(input, file), ex => DocumentedErrors.Input(ex, file));
    }

    private static FuzzFormat BlueskyFeed(Paths paths)
    {
        const string file = "fuzz/feed.json";
        return new("bluesky-feed", "SocialAudit", paths.Files(Archives, "feed.json"), input => BlueskyReader.ReadAuthorFeed(input, file), ex => DocumentedErrors.Input(ex, file));
    }

    private static FuzzFormat BlueskyThread(Paths paths)
    {
        const string file = "fuzz/thread.json";
        return new("bluesky-thread", "SocialAudit", paths.Files(Archives, "thread.json"), input => BlueskyReader.ReadThread(input, file), ex => DocumentedErrors.Input(ex, file));
    }

    private static FuzzFormat JsonLines(Paths paths)
    {
        const string file = "fuzz.jsonl";
        // Seeds: every post the other seeds hold, written by Answerback's own writer.
        var posts = new List<Post>();
        foreach (var seed in paths.Files(Archives, "outbox.json"))
        {
            posts.AddRange(MastodonArchiveReader.ReadOutbox(seed, "seed", null));
        }

        foreach (var seed in paths.Files(Archives, "feed.json"))
        {
            posts.AddRange(BlueskyReader.ReadAuthorFeed(seed, "seed"));
        }

        foreach (var seed in paths.Files(Archives, "tweets.js"))
        {
            posts.AddRange(XArchiveReader.ReadTweets(seed, "seed", "1", "handle"));
        }

        using var all = new MemoryStream();
        JsonLinesFormat.Write(posts, all);
        using var one = new MemoryStream();
        JsonLinesFormat.Write(posts.Take(1), one);
        return new("jsonl", "SocialAudit", [all.ToArray(), one.ToArray()], input =>
        {
            foreach (var post in JsonLinesFormat.Read(new MemoryStream(input), file))
            {
                GC.KeepAlive(post);
            }
        }, ex => DocumentedErrors.Input(ex, file));
    }

    /// <summary>
    /// X (and Mastodon) archives as .zip, read through <see cref="PostSources"/> from a file. Half the mutants
    /// corrupt the zip's bytes (truncation, flipped headers, bad sizes); half mutate one entry's content and
    /// zip it again, so the readers behind the zip see mutated JSON too.
    /// </summary>
    private static FuzzFormat ArchiveZip(Paths paths)
    {
        // In memory where Linux offers it: a disk write costs milliseconds on a busy machine.
        var folder = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), "answerback-fuzz-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        var account = paths.Files(Archives, "account.js")[0];
        var tweets = paths.Files(Archives, "tweets.js")[0];
        var outbox = paths.Files(Archives, "outbox.json")[0];
        var actor = paths.Files(Archives, "actor.json")[0];
        byte[][] seeds =
        [
            Zip(("data/account.js", account), ("data/tweets.js", tweets)),
            Zip(("data/account.js", account), ("data/tweets-part1.js", tweets), ("data/tweets-part2.js", tweets), ("data/manifest.js", "window.__THAR_CONFIG = {}"u8.ToArray())),
            Zip(("outbox.json", outbox), ("actor.json", actor)),
        ];
        var file = 0;
        return new("archive-zip", "SocialAudit", seeds, input =>
        {
            // One file per input: an abandoned (hung) reader may still hold the previous one open.
            var path = Path.Combine(folder, $"{Interlocked.Increment(ref file) % 64}.zip");
            File.WriteAllBytes(path, input);
            foreach (var post in PostSources.Read(path))
            {
                GC.KeepAlive(post);
            }
        }, ex => ex is InputFormatException i && i.File.StartsWith(folder, StringComparison.Ordinal) && i.Problem.Length > 0,
        (input, other, mutator, random) =>
        {
            if (random.Next(2) == 0)
            {
                return mutator.Mutate(input, other);
            }

            var entries = Unzip(input);
            if (entries is null || entries.Count == 0)
            {
                return mutator.Mutate(input, other);
            }

            var pick = random.Next(entries.Count);
            entries[pick] = (random.Next(8) == 0 ? entries[pick].Name + "x" : entries[pick].Name, mutator.Mutate(entries[pick].Content, entries[random.Next(entries.Count)].Content));
            if (random.Next(8) == 0)
            {
                entries.RemoveAt(random.Next(entries.Count));
            }

            return Zip([.. entries]);
        });
    }

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var s = zip.CreateEntry(name, content.Length % 3 == 0 ? CompressionLevel.NoCompression : CompressionLevel.Fastest).Open();
                s.Write(content);
            }
        }

        return buffer.ToArray();
    }

    private static List<(string Name, byte[] Content)>? Unzip(byte[] input)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(input), ZipArchiveMode.Read);
            var entries = new List<(string, byte[])>();
            foreach (var e in zip.Entries)
            {
                using var s = e.Open();
                using var m = new MemoryStream();
                s.CopyTo(m);
                entries.Add((e.FullName, m.ToArray()));
            }

            return entries;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}

/// <summary>Finds seed files: under the repository root, and under the shared reference data beside it.</summary>
internal sealed class Paths(string root)
{
    public string Root { get; } = root;

    public string Shared { get; } = Path.GetFullPath(Path.Combine(root, "..", "shared", "data"));

    public List<byte[]> Files(string relative, string pattern, int max = 64 * 1024) => Load(Path.Combine(Root, relative), pattern, max);

    public List<byte[]> SharedFiles(string relative, string pattern, int max = 64 * 1024) => Load(Path.Combine(Shared, relative), pattern, max);

    private static List<byte[]> Load(string folder, string pattern, int max) =>
        Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder, pattern, SearchOption.AllDirectories)
                .Where(f => !Path.GetRelativePath(folder, f).StartsWith("fuzz", StringComparison.Ordinal)) // tests/data/*/fuzz: the findings are not seeds
                .Order(StringComparer.Ordinal).Select(f => Cut(File.ReadAllBytes(f), max))]
            : [];

    /// <summary>A large seed is cut at the last line break before <paramref name="max"/> bytes: fuzzing wants many small inputs.</summary>
    public static byte[] Cut(byte[] content, int max)
    {
        if (content.Length <= max)
        {
            return content;
        }

        var end = Array.LastIndexOf(content, (byte)'\n', max - 1);
        return content[..(end > 0 ? end + 1 : max)];
    }

    /// <summary>Text as UTF-8 bytes.</summary>
    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
