using Answerback.Testing;
using Answerback.Formats;

namespace Answerback.SocialAudit.Tests.Import;

public sealed class PostSourcesTests : IDisposable
{
    private readonly ArchiveFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static void AssertXArchive(List<Post> posts)
    {
        Assert.Equal(3, posts.Count);
        var first = posts[0];
        Assert.Equal(("x", "1050118621198921729", "1050118621198921728", "CllrJones"), (first.Network, first.Id, first.AccountId, first.Handle));
        Assert.Equal(new DateTimeOffset(2018, 10, 10, 20, 19, 24, TimeSpan.Zero), first.Time);
        Assert.Equal("The budget passed tonight & #Budget https://t.co/abc", first.Text);
        Assert.Equal(["https://council.example/budget"], first.Urls);
        Assert.Equal(["Budget"], first.Hashtags);
        Assert.Equal(PostKind.Original, first.Kind);
        var reply = posts[1];
        Assert.Equal((PostKind.Reply, "1050118621198921800", "99"), (reply.Kind, reply.ReplyToPostId, reply.ReplyToAccountId));
        Assert.Equal(["voter1"], reply.Mentions);
        Assert.Equal(PostKind.Repost, posts[2].Kind);
        Assert.Equal("rt:party:Vote for us on Thursday", posts[2].RepostOfId);
    }

    [Fact]
    public void Read_XArchiveFolder_ReadsTweetsWithTheAccountFromAccountJs()
    {
        _files.Write("x/data/account.js", ArchiveFiles.XAccount);
        _files.Write("x/data/tweets.js", ArchiveFiles.XTweets);
        AssertXArchive(PostSources.Read(Path.Combine(_files.Root, "x")).ToList());
    }

    [Fact]
    public void Read_XArchiveZipWithOlderTweetJs_ReadsTheSame()
    {
        var zip = _files.Zip("twitter-2018.zip", ("data/account.js", ArchiveFiles.XAccount), ("data/tweet.js", ArchiveFiles.XTweets.Replace("YTD.tweets.", "YTD.tweet.", StringComparison.Ordinal)));
        AssertXArchive(PostSources.Read(zip).ToList());
    }

    [Fact]
    public void Read_XArchiveWithMalformedTweet_NamesEntryAndLine()
    {
        var broken = ArchiveFiles.XTweets.Replace("\"favorite_count\" : \"0\",", "\"favorite_count\" : \"0\" oops,", StringComparison.Ordinal);
        var zip = _files.Zip("broken.zip", ("data/account.js", ArchiveFiles.XAccount), ("data/tweets.js", broken));
        var ex = Assert.Throws<InputFormatException>(() => PostSources.Read(zip).ToList());
        Assert.Equal(zip + "!data/tweets.js", ex.File);
        var expectedLine = broken.Split('\n').ToList().FindIndex(l => l.Contains("oops", StringComparison.Ordinal)) + 1;
        Assert.Equal(expectedLine, ex.Line);
        Assert.Contains("malformed JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TruncatedZip_IsAClearError()
    {
        var zip = _files.Zip("whole.zip", ("data/account.js", ArchiveFiles.XAccount), ("data/tweets.js", ArchiveFiles.XTweets));
        var bytes = File.ReadAllBytes(zip);
        var truncated = _files.Write("truncated.zip", bytes[..(bytes.Length / 2)]);
        var ex = Assert.Throws<InputFormatException>(() => PostSources.Read(truncated).ToList());
        Assert.Equal(truncated, ex.File);
        Assert.Contains("zip", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ZipWithDamagedEntry_NamesTheEntry()
    {
        var zip = _files.Zip("damaged.zip", ("outbox.json", ArchiveFiles.MastodonOutbox));
        var bytes = File.ReadAllBytes(zip);
        // Overwrite the middle of the compressed outbox (after the 30-byte local header and the name).
        for (var i = 60; i < 160; i++)
        {
            bytes[i] ^= 0x5A;
        }

        var damaged = _files.Write("damaged2.zip", bytes);
        var ex = Assert.Throws<InputFormatException>(() => PostSources.Read(damaged).ToList());
        Assert.StartsWith(damaged + "!outbox.json", ex.File, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TruncatedTweetsJs_SaysTruncatedWithFile()
    {
        var path = _files.Write("t/data/tweets.js", ArchiveFiles.XTweets[..(ArchiveFiles.XTweets.Length - 40)]);
        _files.Write("t/data/account.js", ArchiveFiles.XAccount);
        var ex = Assert.Throws<InputFormatException>(() => PostSources.Read(Path.Combine(_files.Root, "t")).ToList());
        Assert.Equal(path, ex.File);
        Assert.True(ex.Line > 1);
        Assert.Contains("truncated file?", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MastodonArchiveZip_ReadsNotesBoostsRepliesAndVisibility()
    {
        var zip = _files.Zip("mastodon.zip", ("outbox.json", ArchiveFiles.MastodonOutbox), ("actor.json", ArchiveFiles.MastodonActor));
        var posts = PostSources.Read(zip).ToList();
        Assert.Equal(3, posts.Count);
        Assert.All(posts, p => Assert.Equal(("mastodon", "https://social.example/users/jones", "jones"), (p.Network, p.AccountId, p.Handle)));
        var note = posts[0];
        Assert.Equal("Surgery on Saturday & all welcome #ward3 council.example/surgery", note.Text);
        Assert.Equal(["https://council.example/surgery"], note.Urls);
        Assert.Equal(["ward3"], note.Hashtags);
        Assert.Equal(PostVisibility.Public, note.Visibility);
        var reply = posts[1];
        Assert.Equal((PostKind.Reply, "https://other.example/users/ann/statuses/900", "https://other.example/users/ann"), (reply.Kind, reply.ReplyToPostId, reply.ReplyToAccountId));
        Assert.Equal(PostVisibility.Unlisted, reply.Visibility);
        Assert.Equal("@ann Fixed now.\nThanks", reply.Text);
        Assert.Empty(reply.Urls);
        Assert.Equal(["ann@other.example"], reply.Mentions);
        Assert.Equal((PostKind.Repost, "https://party.example/users/hq/statuses/5"), (posts[2].Kind, posts[2].RepostOfId));
        Assert.Equal(new DateTimeOffset(2024, 5, 2, 9, 30, 0, TimeSpan.Zero), posts[2].Time);
    }

    [Fact]
    public void Read_MastodonFolderWithoutActor_TakesHandleFromActorUrl()
    {
        _files.Write("m/outbox.json", ArchiveFiles.MastodonOutbox);
        Assert.All(PostSources.Read(Path.Combine(_files.Root, "m")), p => Assert.Equal("jones", p.Handle));
    }

    [Fact]
    public void Read_BlueskyFeedAndThread_GivesPostsRepostsAndRepliesReceivedOnce()
    {
        var feed = _files.Write("bsky/feed-1.json", ArchiveFiles.BlueskyFeed);
        var thread = _files.Write("bsky/thread-3kaaa.json", ArchiveFiles.BlueskyThread);
        var posts = PostSources.ReadAll([feed, thread]);
        Assert.Equal(4, posts.Count);
        var original = posts[0];
        Assert.Equal(("did:plc:jones", "jones.bsky.social", PostKind.Original), (original.AccountId, original.Handle, original.Kind));
        Assert.Equal(["https://council.example/bins"], original.Urls);
        Assert.Equal(["ward3"], original.Hashtags);
        var answer = posts[1];
        Assert.Equal((PostKind.Reply, "at://did:plc:voter/app.bsky.feed.post/3kccc", "did:plc:voter"), (answer.Kind, answer.ReplyToPostId, answer.ReplyToAccountId));
        var repost = posts[2];
        Assert.Equal(("did:plc:jones", PostKind.Repost, "at://did:plc:party/app.bsky.feed.post/3kddd"), (repost.AccountId, repost.Kind, repost.RepostOfId));
        Assert.Equal(new DateTimeOffset(2024, 6, 2, 7, 30, 0, TimeSpan.Zero), repost.Time);
        var received = posts[3];
        Assert.Equal(("did:plc:voter", "did:plc:jones"), (received.AccountId, received.ReplyToAccountId));
    }

    [Fact]
    public void Read_MalformedBlueskyJson_NamesFileLineAndColumn()
    {
        var path = _files.Write("bad.json", "{\n  \"feed\": [\n    { \"post\": { \"uri\": } }\n  ]\n}");
        var ex = Assert.Throws<InputFormatException>(() => PostSources.Read(path).ToList());
        Assert.Equal((path, 3L), (ex.File, ex.Line));
        Assert.True(ex.Column > 0);
    }

    [Fact]
    public void Read_QutCsvWithQuotedCommasAndNewlines_KeepsTheText()
    {
        var path = _files.Write("posts.csv", "message_id,user_id,username,repost_id,reply_id,message,timestamp,urls\n" +
            "1,u1,one,,,\"Hello, \"\"world\"\"\nsecond line\",1700000000.5,https://a.example https://b.example\n" +
            "2,u2,two,1,,,1700000001,\n");
        var posts = PostSources.Read(path).ToList();
        Assert.Equal("Hello, \"world\"\nsecond line", posts[0].Text);
        Assert.Equal(["https://a.example", "https://b.example"], posts[0].Urls);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_500), posts[0].Time);
        Assert.Equal((PostKind.Repost, "1"), (posts[1].Kind, posts[1].RepostOfId));
    }

    [Fact]
    public void Read_QutCsvBadTimestamp_NamesTheLine()
    {
        var path = _files.Write("bad.csv", "message_id,user_id,username,repost_id,reply_id,message,timestamp,urls\n1,u1,a,,,\"multi\nline\",1,\n2,u2,b,,,x,yesterday,\n");
        var ex = Assert.Throws<InputFormatException>(() => PostSources.Read(path).ToList());
        Assert.Equal((path, 4L), (ex.File, ex.Line));
        Assert.Contains("timestamp 'yesterday'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CsvInLatin1_IsAnEncodingErrorNotGarbage()
    {
        var bytes = System.Text.Encoding.Latin1.GetBytes("message_id,user_id,username,repost_id,reply_id,message,timestamp,urls\n1,u1,a,,,caf\u00e9,1,\n");
        var path = _files.Write("latin1.csv", bytes);
        var ex = Assert.Throws<InputFormatException>(() => PostSources.Read(path).ToList());
        Assert.Contains("UTF-8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CsvWithWrongHeader_SaysWhatWasExpected()
    {
        var path = _files.Write("wrong.csv", "id,text\n1,x\n");
        var ex = Assert.Throws<InputFormatException>(() => PostSources.Read(path).ToList());
        Assert.Contains("message_id,user_id,username,repost_id,reply_id,message,timestamp,urls", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonLines_RoundTrip_KeepsEveryField()
    {
        _files.Write("m/outbox.json", ArchiveFiles.MastodonOutbox);
        var posts = PostSources.Read(Path.Combine(_files.Root, "m")).ToList();
        using var stream = new MemoryStream();
        JsonLinesFormat.Write(posts, stream);
        var path = _files.Write("all.jsonl", stream.ToArray());
        var back = PostSources.Read(path).ToList();
        Assert.Equal(posts.Count, back.Count);
        for (var i = 0; i < posts.Count; i++)
        {
            Assert.Equal(posts[i] with { Urls = [], Mentions = [], Hashtags = [] }, back[i] with { Urls = [], Mentions = [], Hashtags = [] });
            Assert.Equal(posts[i].Urls, back[i].Urls);
            Assert.Equal(posts[i].Mentions, back[i].Mentions);
        }
    }

    [Fact]
    public void JsonLines_MalformedLine_NamesTheLineAndIgnoresUnknownFields()
    {
        var path = _files.Write("p.jsonl", "{\"network\":\"x\",\"id\":\"1\",\"account_id\":\"a\",\"time\":\"2024-01-01T00:00:00Z\",\"extra\":{\"x\":1}}\n\n{\"network\":\"x\",\"id\":\"2\"\n");
        var ex = Assert.Throws<InputFormatException>(() => PostSources.Read(path).ToList());
        Assert.Equal(3, ex.Line);
        Assert.Single(PostSources.Read(path).Take(1));
    }

    [Fact]
    public void Read_QutSampleFilesInTestData_ReadAllRows()
    {
        var dir = Path.Combine(TestEnvironment.TestData, "SocialAudit");
        Assert.Equal(15, PostSources.Read(Path.Combine(dir, "qut-coretweet_test_input.csv")).Count());
        var sample = PostSources.Read(Path.Combine(dir, "qut-sample_data.csv")).ToList();
        Assert.Equal(100, sample.Count);
        Assert.Equal(["http://example.com/4", "http://example.com/6"], sample[1].Urls);
    }

    [Fact]
    public void Read_SharedQutFiles_ReadLikeTheCopies()
    {
        var shared = TestEnvironment.RequireSharedData();
        Assert.Equal(100, PostSources.Read(Path.Combine(shared, "coordination", "qut-sample_data.csv")).Count());
    }
}
