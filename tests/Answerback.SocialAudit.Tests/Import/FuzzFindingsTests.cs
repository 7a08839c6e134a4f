using Answerback.Formats;
using Answerback.Testing;

namespace Answerback.SocialAudit.Tests.Import;

/// <summary>
/// Inputs the fuzzing campaign (fuzz/, docs/reliability.md) found crashing a reader, shrunk
/// (tests/data/SocialAudit/fuzz). Each must now be refused with <see cref="InputFormatException"/> naming the file and,
/// where the reader knows it, the line.
/// </summary>
public sealed class FuzzFindingsTests : IDisposable
{
    private const string Undecodable = "a string is not valid UTF-8 text or holds an unpaired \\u surrogate escape";

    private readonly ArchiveFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static string Data(string name) => Path.Combine(TestEnvironment.TestData, "SocialAudit", "fuzz", name);

    public static TheoryData<string, long> Undecodable_Inputs => new()
    {
        { "tweets-invalid-utf8-id.js", 1 },
        { "tweets-unpaired-surrogate-key.js", 1 },
        { "account-invalid-utf8-username.js", 1 },
        { "outbox-invalid-utf8-content.json", 1 },
        { "outbox-unpaired-surrogate-key.json", 1 },
        { "actor-invalid-utf8-username.json", 1 },
        { "feed-invalid-utf8-text.json", 1 },
        { "thread-invalid-utf8-uri.json", 0 },
        { "unpaired-surrogate.jsonl", 1 },
    };

    [Theory]
    [MemberData(nameof(Undecodable_Inputs))]
    public void Readers_StringThatCannotBeDecoded_RefusedNamingFileAndLine(string name, long line)
    {
        var path = Data(name);
        var content = File.ReadAllBytes(path);
        Action read = name switch
        {
            _ when name.StartsWith("tweets", StringComparison.Ordinal) => () => XArchiveReader.ReadTweets(content, path, "1", "h"),
            _ when name.StartsWith("account", StringComparison.Ordinal) => () => XArchiveReader.ReadAccount(content, path),
            _ when name.StartsWith("actor", StringComparison.Ordinal) => () => MastodonArchiveReader.ReadHandle(content, path),
            _ => () => Assert.NotNull(PostSources.Read(path).ToList()),
        };

        var ex = Assert.Throws<InputFormatException>(read);

        Assert.Equal((path, line, Undecodable), (ex.File, ex.Line, ex.Problem));
    }

    [Fact]
    public void Read_QutCsvWithInvalidUtf8_RefusedNamingLineAndColumn()
    {
        // Found on the QUT reader before the shared CSV tokeniser: DecoderFallbackException escaped it.
        var path = Data("qut-invalid-utf8-in-quoted-field.csv");

        var ex = Assert.Throws<InputFormatException>(() => PostSources.Read(path).ToList());

        Assert.Equal((path, 82L, 49L), (ex.File, ex.Line, ex.Column));
        Assert.StartsWith("not valid UTF-8 text", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ZipWithDamagedCentralDirectory_RefusedNamingTheArchive()
    {
        var path = Data("damaged-central-directory.zip");

        var ex = Assert.Throws<InputFormatException>(() => PostSources.Read(path).ToList());

        Assert.Equal((path, "not a readable zip archive (truncated or damaged?)"), (ex.File, ex.Problem));
    }

    [Fact]
    public void Read_ZipWithTwoEntriesOfOneName_RefusedNamingTheEntry()
    {
        var zip = _files.Zip("twice.zip", ("data/account.js", ArchiveFiles.XAccount), ("data/tweets.js", ArchiveFiles.XTweets), ("data/tweets.js", ArchiveFiles.XTweets));

        var ex = Assert.Throws<InputFormatException>(() => PostSources.Read(zip).ToList());

        Assert.Equal((zip, "the archive holds two entries named data/tweets.js (damaged archive?)"), (ex.File, ex.Problem));
    }
}
