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
    /// <summary>Reads every input in order; errors are <see cref="InputFormatException"/> naming the file and position.</summary>
    public static List<Post> ReadAll(IEnumerable<string> paths, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var posts = new List<Post>();
        var seen = new HashSet<(string, string)>();
        var reported = 0;
        foreach (var path in paths)
        {
            var before = posts.Count;
            foreach (var post in Read(path))
            {
                if (seen.Add((post.Network, post.Id)))
                {
                    posts.Add(post);
                }

                if (posts.Count - reported >= 1_000_000)
                {
                    reported = posts.Count;
                    progress?.Invoke($"read {posts.Count:N0} posts");
                }
            }

            progress?.Invoke($"{path}: {posts.Count - before:N0} posts");
        }

        return posts;
    }

    /// <summary>Reads one input (file or folder).</summary>
    public static IEnumerable<Post> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            return ReadFolder(path);
        }

        if (!File.Exists(path))
        {
            throw new InputFormatException(path, 0, 0, "no such file or folder");
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".zip" => ReadZip(path),
            ".csv" => ReadStream(path, () => File.OpenRead(path), (s, f) => QutCsvFormat.Read(s, f)),
            ".jsonl" or ".ndjson" => ReadStream(path, () => File.OpenRead(path), JsonLinesFormat.Read),
            ".json" => ReadJson(File.ReadAllBytes(path), path),
            ".js" => throw new InputFormatException(path, 0, 0, "an X archive's .js file is read with its archive: give the archive folder or .zip (its data/account.js names the account)"),
            _ => throw new InputFormatException(path, 0, 0, "unknown format: expected a folder or .zip archive, .csv (QUT toolkit), .jsonl, or .json (Bluesky)"),
        };
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

    private static IEnumerable<Post> ReadFolder(string folder)
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

        return files.SelectMany(Read);
    }

    private static List<string> TweetFiles(IEnumerable<string> relative) =>
        relative.Where(r =>
        {
            var name = Path.GetFileName(r);
            return (r.StartsWith("data/", StringComparison.Ordinal) || !r.Contains('/', StringComparison.Ordinal))
                && (name == "tweets.js" || name == "tweet.js" || name.StartsWith("tweets-part", StringComparison.Ordinal) || name.StartsWith("tweet-part", StringComparison.Ordinal));
        }).Order(StringComparer.Ordinal).ToList();

    private static List<Post> ReadZip(string path)
    {
        InputFormatException Damaged(InvalidDataException ex) => new(path, 0, 0, "not a readable zip archive (truncated or damaged?)", ex);
        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException ex)
        {
            throw Damaged(ex);
        }

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
                throw Damaged(ex);
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
