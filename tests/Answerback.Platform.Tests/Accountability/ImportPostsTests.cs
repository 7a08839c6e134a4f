using System.IO.Compression;
using System.Text;
using Answerback.Platform.Accountability;
using Answerback.Platform.Organisations;
using Answerback.Platform.Tests.Infrastructure;
using static Answerback.Platform.Tests.Accountability.AccountabilityArrange;

namespace Answerback.Platform.Tests.Accountability;

public abstract class ImportPostsTests(TestProvider provider) : PlatformTest(provider)
{
    private Guid greens;
    private Guid alice;
    private Guid organiser;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Db.CityWithWardsAsync();
        greens = await Db.OrganisationAsync("Testville Greens");
        organiser = await Db.PersonAsync("organiser@example.org");
        await Db.With<GrantOrganisationRole, Answerback.Platform.Common.Result<RoleChange>>(g => g.GrantAsync(greens, organiser, OrganisationRoleKind.Organiser));
        await Db.RegistryAsync(greens,
            "Alice Green,Testville Greens,North Ward,W1,local.x.2024-05-02,alice,,,,True\n"
            + "Cllr Jones,Testville Greens,South Ward,W2,local.x.2024-05-02,CllrJones,,,,True\n");
        alice = await Db.RepresentativeIdAsync("Alice Green");
    }

    [Fact]
    public async Task RunAsync_JsonLinesForARepresentative_StoresThePostsAndTheSameFileAgainAddsNothing()
    {
        var file = JsonLines(ConversationOf("1", "alice"));

        var first = await Db.ImportPostsAsync(greens, alice, organiser, file, "alice.jsonl");
        var second = await Db.ImportPostsAsync(greens, alice, organiser, file, "alice-again.jsonl");

        Assert.Equal((PostImportState.Succeeded, 67L, 67L), (first.State, first.PostsRead, first.PostsAdded));
        Assert.Equal((PostImportState.Succeeded, 67L, 0L), (second.State, second.PostsRead, second.PostsAdded));
        Assert.Equal(67, await Db.StoredPostsAsync());
    }

    [Fact]
    public async Task RunAsync_BadLineAfterGoodOnes_FailsNamingFileLineAndFieldAndStoresNothing()
    {
        var good = Encoding.UTF8.GetString(JsonLines(ConversationOf("1", "alice")));
        var bad = good + "{\"network\":\"x\",\"id\":\"z\",\"account_id\":\"1\",\"handle\":\"alice\",\"time\":\"not a time\",\"text\":\"\",\"kind\":\"original\"}\n";

        var status = await Db.ImportPostsAsync(greens, alice, organiser, Utf8(bad), "alice.jsonl");

        Assert.Equal(PostImportState.Failed, status.State);
        Assert.StartsWith("alice.jsonl:68:", status.Error, StringComparison.Ordinal);
        Assert.Contains("time", status.Error, StringComparison.Ordinal);
        Assert.Equal(0, await Db.StoredPostsAsync());
    }

    [Fact]
    public async Task RunAsync_TruncatedArchive_FailsNamingTheFileAndStoresNothing()
    {
        var zip = XArchive();
        var truncated = zip[..(zip.Length / 2)];

        var status = await Db.ImportPostsAsync(greens, await Db.RepresentativeIdAsync("Cllr Jones"), organiser, truncated, "jones.zip");

        Assert.Equal(PostImportState.Failed, status.State);
        Assert.StartsWith("jones.zip", status.Error, StringComparison.Ordinal);
        Assert.Equal(0, await Db.StoredPostsAsync());
    }

    [Fact]
    public async Task RunAsync_XArchiveOfTheRepresentative_IsImported()
    {
        var status = await Db.ImportPostsAsync(greens, await Db.RepresentativeIdAsync("Cllr Jones"), organiser, XArchive(), "jones.zip");

        Assert.Equal(PostImportState.Succeeded, status.State);
        Assert.True(status.PostsAdded >= 3, status.Error);
    }

    [Fact]
    public async Task RunAsync_ArchiveOfAnotherAccount_FailsNamingTheRepresentativesHandleAndStoresNothing()
    {
        // Cllr Jones's archive uploaded for Alice.
        var status = await Db.ImportPostsAsync(greens, alice, organiser, XArchive(), "jones.zip");

        Assert.Equal(PostImportState.Failed, status.State);
        Assert.Contains("jones.zip", status.Error, StringComparison.Ordinal);
        Assert.Contains("@alice on X", status.Error, StringComparison.Ordinal);
        Assert.Contains("@CllrJones", status.Error, StringComparison.Ordinal);
        Assert.Equal(0, await Db.StoredPostsAsync());
    }

    [Fact]
    public async Task RunAsync_Bulk_MatchesByHandleAndKeepsOnlyPostsByOrToTheRegistry()
    {
        var posts = ConversationOf("1", "alice");
        posts.Add(X("stranger-1", "999", "stranger", 5, "Nothing to do with anyone listed"));

        var status = await Db.ImportPostsAsync(greens, null, organiser, JsonLines(posts), "bulk.jsonl");

        Assert.Equal((PostImportState.Succeeded, 68L, 67L), (status.State, status.PostsRead, status.PostsAdded));
    }

    [Fact]
    public async Task MayImportPosts_OnlyOrganisersGrantedResearchersAndTheRepresentative()
    {
        var researcher = await Db.PersonAsync("researcher@example.org");
        var moderator = await Db.PersonAsync("moderator@example.org");
        var stranger = await Db.PersonAsync("stranger@example.org");
        var otherOrganiser = await Db.PersonAsync("other@example.org");
        var rep = await Db.PersonAsync("alice@example.org");
        var other = await Db.OrganisationAsync("Blues");
        await Db.With<GrantOrganisationRole, Answerback.Platform.Common.Result<RoleChange>>(g => g.GrantAsync(greens, researcher, OrganisationRoleKind.Researcher));
        await Db.With<GrantOrganisationRole, Answerback.Platform.Common.Result<RoleChange>>(g => g.GrantAsync(greens, moderator, OrganisationRoleKind.Moderator));
        await Db.With<GrantOrganisationRole, Answerback.Platform.Common.Result<RoleChange>>(g => g.GrantAsync(other, otherOrganiser, OrganisationRoleKind.Organiser));
        var linked = await Db.With<EditRepresentative, Answerback.Platform.Common.Result<RepresentativeChange>>(e => e.LinkPersonAsync(alice, organiser, "alice@example.org"));
        Assert.True(linked.Succeeded);
        var jones = await Db.RepresentativeIdAsync("Cllr Jones");

        Task<bool> May(Guid person, Guid organisation, Guid? representative)
            => Db.With<AccountabilityAccess, bool>(a => a.MayImportPostsAsync(person, organisation, representative, Ct));

        Assert.True(await May(organiser, greens, null));
        Assert.True(await May(researcher, greens, alice));
        Assert.True(await May(rep, greens, alice));
        Assert.False(await May(rep, greens, jones));
        Assert.False(await May(rep, greens, null));
        Assert.False(await May(moderator, greens, alice));
        Assert.False(await May(stranger, greens, alice));
        Assert.False(await May(otherOrganiser, greens, alice));
        // The other organisation's organiser cannot reach Alice through their own organisation either.
        Assert.False(await May(otherOrganiser, other, alice));
    }

    private static byte[] XArchive()
    {
        static string Sample(string name) => File.ReadAllText(Path.Combine(TestEnvironment.TestData, "SocialAudit", "archives", name));
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (entry, content) in new[] { ("data/account.js", Sample("account.js")), ("data/tweets.js", Sample("tweets.js")) })
            {
                using var s = zip.CreateEntry(entry).Open();
                s.Write(Encoding.UTF8.GetBytes(content));
            }
        }

        return stream.ToArray();
    }
}

public sealed class ImportPostsSqliteTests() : ImportPostsTests(TestProvider.Sqlite);

public sealed class ImportPostsPostgresTests() : ImportPostsTests(TestProvider.Postgres);
