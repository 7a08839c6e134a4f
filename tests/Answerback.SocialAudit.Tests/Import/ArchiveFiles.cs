using System.IO.Compression;
using System.Text;
using Answerback.Testing;

namespace Answerback.SocialAudit.Tests.Import;

/// <summary>Builds realistic archives (folder or zip) in a temp folder, in the shape the networks export them.</summary>
internal sealed class ArchiveFiles : IDisposable
{
    public ArchiveFiles() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "answerback-audit-" + Guid.NewGuid().ToString("N"));

    // The samples, in the shape the networks export them, live in tests/data/SocialAudit/archives: the fuzzing
    // campaign (fuzz/) mutates the same files.
    private static string Sample(string name) => File.ReadAllText(Path.Combine(TestEnvironment.TestData, "SocialAudit", "archives", name));

    public static readonly string XAccount = Sample("account.js");

    public static readonly string XTweets = Sample("tweets.js");

    public static readonly string MastodonOutbox = Sample("outbox.json");

    public static readonly string MastodonActor = Sample("actor.json");

    public static readonly string BlueskyFeed = Sample("feed.json");

    public static readonly string BlueskyThread = Sample("thread.json");

    public string Write(string relative, string content) => Write(relative, Encoding.UTF8.GetBytes(content));

    public string Write(string relative, byte[] content)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    public string Zip(string name, params (string Entry, string Content)[] entries)
    {
        var path = Path.Combine(Root, name);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (entry, content) in entries)
        {
            using var s = zip.CreateEntry(entry).Open();
            s.Write(Encoding.UTF8.GetBytes(content));
        }

        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
