using System.IO.Compression;
using System.Text.Json;
using Answerback.Formats;

namespace Answerback.SocialAudit;

/// <summary>
/// Reads posts from any importable input, recognising the format: an X/Twitter or Mastodon account archive
/// (folder or <c>.zip</c>), a Bluesky <c>getAuthorFeed</c> page or <c>getPostThread</c> response (<c>.json</c>),
/// the QUT toolkit CSV (<c>.csv</c>), Answerback JSON lines (<c>.jsonl</c>, <c>.ndjson</c>), or a folder of such
/// files. Posts seen twice (the same network and id, e.g. in a feed page and a thread) are kept once.
/// </summary>
public static class PostSources
{
    /// <summary>
    /// Reads every input in order; errors are <see cref="InputFormatException"/> naming the file and position.
    /// <paramref name="textEntities"/> false leaves mentions and hashtags that a format would find in the text
    /// (QUT CSV) empty: coordination does not need them.
    /// </summary>
    public static List<Post> ReadAll(IEnumerable<string> paths, Action<string>? progress = null, bool textEntities = true)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var posts = new Distinct(progress);
        foreach (var path in paths)
        {
            posts.AddAll(Read(path, textEntities), path);
        }

        return posts.Posts;
    }

    /// <summary>
    /// Reads one uploaded file from a stream, recognising its format by <paramref name="fileName"/>'s extension as
    /// <see cref="Read(string, bool)"/> does (a <c>.zip</c> archive, <c>.csv</c>, <c>.jsonl</c>, <c>.json</c>);
    /// <paramref name="fileName"/> also names the upload in errors. Posts seen twice are kept once.
    /// </summary>
    public static List<Post> Read(Stream stream, string fileName, bool textEntities = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        var posts = new Distinct(null);
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        posts.AddAll(extension switch
        {
            ".zip" => ReadZip(OpenZip(() => Seekable(stream), fileName, leaveOpen: true), fileName),
            ".csv" => QutCsvFormat.Read(stream, fileName, textEntities: textEntities),
            ".jsonl" or ".ndjson" => JsonLinesFormat.Read(stream, fileName),
            ".json" => ReadJson(AllBytes(stream), fileName),
            _ => throw UnknownFormat(fileName, extension),
        }, fileName);
        return posts.Posts;
    }

    /// <summary>Reads one input (file or folder).</summary>
    public static IEnumerable<Post> Read(string path, bool textEntities = true)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            return ReadFolder(path, textEntities);
        }

        if (!File.Exists(path))
        {
            throw new InputFormatException(path, 0, 0, "no such file or folder");
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".zip" => ReadZip(OpenZip(() => File.OpenRead(path), path), path),
            ".csv" => ReadStream(path, () => File.OpenRead(path), (s, f) => QutCsvFormat.Read(s, f, textEntities: textEntities)),
            ".jsonl" or ".ndjson" => ReadStream(path, () => File.OpenRead(path), JsonLinesFormat.Read),
            ".json" => ReadJson(File.ReadAllBytes(path), path),
            _ => throw UnknownFormat(path, extension),
        };
    }

    private static InputFormatException UnknownFormat(string file, string extension) => extension == ".js"
        ? new InputFormatException(file, 0, 0, "an X archive's .js file is read with its archive: give the archive folder or .zip (its data/account.js names the account)")
        : new InputFormatException(file, 0, 0, "unknown format: expected a folder or .zip archive, .csv (QUT toolkit), .jsonl, or .json (Bluesky)");

    /// <summary>Posts in input order, each (network, id) once, with a line of progress every million.</summary>
    private sealed class Distinct(Action<string>? progress)
    {
        private readonly HashSet<(string, string)> _seen = [];
        private int _reported;

        public List<Post> Posts { get; } = [];

        public void AddAll(IEnumerable<Post> posts, string source)
        {
            var before = Posts.Count;
            foreach (var post in posts)
            {
                if (_seen.Add((post.Network, post.Id)))
                {
                    Posts.Add(post);
                }

                if (Posts.Count - _reported >= 1_000_000)
                {
                    _reported = Posts.Count;
                    progress?.Invoke($"read {Posts.Count:N0} posts");
                }
            }

            progress?.Invoke($"{source}: {Posts.Count - before:N0} posts");
        }
    }

    private static Stream Seekable(Stream stream)
    {
        if (stream.CanSeek)
        {
            return stream;
        }

        var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }

    private static byte[] AllBytes(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static IEnumerable<Post> ReadStream(string path, Func<Stream> open, Func<Stream, string, IEnumerable<Post>> reader)
    {
        using var stream = open();
        foreach (var post in reader(stream, path))
        {
            yield return post;
        }
    }

    private static List<Post> ReadJson(byte[] content, string file)
    {
        var kind = Sniff(content, file);
        return kind switch
        {
            "feed" => BlueskyReader.ReadAuthorFeed(content, file),
            "thread" => BlueskyReader.ReadThread(content, file),
            "orderedItems" => MastodonArchiveReader.ReadOutbox(content, file, null),
            _ => throw new InputFormatException(file, 1, 0, "unknown JSON: expected a Bluesky getAuthorFeed page ('feed'), a getPostThread response ('thread') or a Mastodon outbox ('orderedItems')"),
        };
    }

    /// <summary>The first top-level property that tells the format apart.</summary>
    private static string? Sniff(byte[] content, string file)
    {
        var reader = new Utf8JsonReader(content, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new InputFormatException(file, 1, 0, "expected a JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                // Compared as UTF-8: decoding a mutilated name would throw.
                foreach (var name in (string[])["feed", "thread", "orderedItems"])
                {
                    if (JsonElements.NameIs(ref reader, name, file, 1))
                    {
                        return name;
                    }
                }

                reader.Read();
                reader.Skip();
            }
        }
        catch (JsonException ex)
        {
            throw Json.Malformed(file, ex);
        }

        return null;
    }

    private static IEnumerable<Post> ReadFolder(string folder, bool textEntities)
    {
        var tweets = TweetFiles(Directory.EnumerateFiles(folder, "*.js", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')));
        if (tweets.Count > 0)
        {
            var accountFile = Path.Combine(folder, "data", "account.js");
            if (!File.Exists(accountFile))
            {
                throw new InputFormatException(Path.Combine(folder, "data"), 0, 0, "an X archive needs data/account.js (it names the account)");
            }

            var (id, handle) = XArchiveReader.ReadAccount(File.ReadAllBytes(accountFile), accountFile);
            return tweets.SelectMany(t => XArchiveReader.ReadTweets(File.ReadAllBytes(Path.Combine(folder, t)), Path.Combine(folder, t), id, handle));
        }

        var outbox = Path.Combine(folder, "outbox.json");
        if (File.Exists(outbox))
        {
            var actor = Path.Combine(folder, "actor.json");
            var handle = File.Exists(actor) ? MastodonArchiveReader.ReadHandle(File.ReadAllBytes(actor), actor) : null;
            return MastodonArchiveReader.ReadOutbox(File.ReadAllBytes(outbox), outbox, handle);
        }

        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".csv" or ".jsonl" or ".ndjson" or ".json" or ".zip")
            .Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new InputFormatException(folder, 0, 0, "no importable files: expected an X archive (data/tweets.js), a Mastodon archive (outbox.json), or .csv, .jsonl, .json files");
        }

        return files.SelectMany(f => Read(f, textEntities));
    }

    private static List<string> TweetFiles(IEnumerable<string> relative) =>
        relative.Where(r =>
        {
            var name = Path.GetFileName(r);
            return (r.StartsWith("data/", StringComparison.Ordinal) || !r.Contains('/', StringComparison.Ordinal))
                && (name == "tweets.js" || name == "tweet.js" || name.StartsWith("tweets-part", StringComparison.Ordinal) || name.StartsWith("tweet-part", StringComparison.Ordinal));
        }).Order(StringComparer.Ordinal).ToList();

    private static ZipArchive OpenZip(Func<Stream> open, string path, bool leaveOpen = false)
    {
        var stream = open();
        try
        {
            return new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen);
        }
        catch (InvalidDataException ex)
        {
            if (!leaveOpen)
            {
                stream.Dispose();
            }

            throw Damaged(path, ex);
        }
    }

    private static InputFormatException Damaged(string path, InvalidDataException ex)
        => new(path, 0, 0, "not a readable zip archive (truncated or damaged?)", ex);

    private static List<Post> ReadZip(ZipArchive zip, string path)
    {
        using (zip)
        {
            byte[] Entry(ZipArchiveEntry e)
            {
                try
                {
                    using var s = e.Open();
                    using var m = new MemoryStream();
                    s.CopyTo(m);
                    return m.ToArray();
                }
                catch (InvalidDataException ex)
                {
                    throw new InputFormatException($"{path}!{e.FullName}", 0, 0, "the zip entry cannot be decompressed (truncated or damaged archive?)", ex);
                }
            }

            IReadOnlyCollection<ZipArchiveEntry> entries;
            try
            {
                entries = zip.Entries; // the central directory is read here, on first use
            }
            catch (InvalidDataException ex)
            {
                throw Damaged(path, ex);
            }

            var byName = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
            foreach (var e in entries.Where(e => e.Name.Length > 0))
            {
                if (!byName.TryAdd(e.FullName.Replace('\\', '/'), e))
                {
                    throw new InputFormatException(path, 0, 0, $"the archive holds two entries named {e.FullName} (damaged archive?)");
                }
            }

            var tweets = TweetFiles(byName.Keys);
            if (tweets.Count > 0)
            {
                if (!byName.TryGetValue("data/account.js", out var accountEntry))
                {
                    throw new InputFormatException(path, 0, 0, "an X archive needs data/account.js (it names the account)");
                }

                var (id, handle) = XArchiveReader.ReadAccount(Entry(accountEntry), $"{path}!data/account.js");
                return tweets.SelectMany(t => XArchiveReader.ReadTweets(Entry(byName[t]), $"{path}!{t}", id, handle)).ToList();
            }

            if (byName.TryGetValue("outbox.json", out var outbox))
            {
                var handle = byName.TryGetValue("actor.json", out var actor) ? MastodonArchiveReader.ReadHandle(Entry(actor), $"{path}!actor.json") : null;
                return MastodonArchiveReader.ReadOutbox(Entry(outbox), $"{path}!outbox.json", handle);
            }

            throw new InputFormatException(path, 0, 0, "not an X archive (data/tweets.js) or a Mastodon archive (outbox.json)");
        }
    }
}
