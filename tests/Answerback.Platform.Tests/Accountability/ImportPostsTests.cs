using System.Data.Common;
using System.IO.Compression;
using System.Text;
using Answerback.Platform.Accountability;
using Answerback.Platform.Data;
using Answerback.Platform.Imports;
using Answerback.Platform.Organisations;
using Answerback.Platform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using static Answerback.Platform.Tests.Accountability.AccountabilityArrange;

namespace Answerback.Platform.Tests.Accountability;

public abstract class ImportPostsTests(TestProvider provider) : PlatformTest(provider)
{
    private readonly FailingCommit failing = new();
    private Guid greens;
    private Guid alice;
    private Guid organiser;

    /// <summary>Every context of this class's platform can be made to fail the import's final insert once (a crash on our side).</summary>
    protected override void ConfigureServices(IServiceCollection services)
        => services.ConfigureDbContext<AnswerbackDbContext>(options => options.AddInterceptors(failing));

    private async Task<int> StoredUploadsAsync()
    {
        await using var scope = Db.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>();
        return await db.Set<StoredUpload>().CountAsync(Ct) + await db.Set<StoredUploadChunk>().CountAsync(Ct);
    }

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
        // Both files were deleted from the upload store once imported.
        Assert.Equal(0, await StoredUploadsAsync());
    }

    [Fact]
    public async Task Import_FailsOnOurSideWithRetriesLeft_KeepsTheFileAndTheRetryImportsIt()
    {
        var queued = await Db.With<QueuePostImport, Answerback.Platform.Common.Result<PostImport>>(q => q.QueueAsync(greens, alice, organiser, new MemoryStream(JsonLines(ConversationOf("1", "alice"))), "alice.jsonl", Ct));
        var id = queued.Value!.Id;
        failing.Armed = true;

        // The first attempt dies on our side with retries left: Hangfire will run it again.
        await Assert.ThrowsAsync<InvalidOperationException>(() => Db.With<ImportPosts, bool>(j => j.ImportAsync(id, lastAttempt: false, Ct)));

        Assert.Equal(0, await Db.StoredPostsAsync());
        Assert.Equal(PostImportState.Running, (await Db.With<AccountabilityDirectory, PostImportStatus?>(d => d.ImportAsync(id)))!.State);
        Assert.True(await StoredUploadsAsync() > 0, "the file is kept for the retry");

        var retried = await Db.With<ImportPosts, bool>(j => j.ImportAsync(id, lastAttempt: true, Ct));

        Assert.True(retried);
        var status = (await Db.With<AccountabilityDirectory, PostImportStatus?>(d => d.ImportAsync(id)))!;
        Assert.Equal((PostImportState.Succeeded, 67L), (status.State, status.PostsAdded));
        Assert.Equal(0, await StoredUploadsAsync());
    }

    [Fact]
    public async Task Import_UploadExpiredBeforeTheJobRan_FailsSayingToUploadAgain()
    {
        var queued = await Db.With<QueuePostImport, Answerback.Platform.Common.Result<PostImport>>(q => q.QueueAsync(greens, alice, organiser, new MemoryStream(JsonLines(ConversationOf("1", "alice"))), "alice.jsonl", Ct));
        Db.Time.Advance(TimeSpan.FromDays(8));
        Assert.Equal(1, await Db.With<UploadStore, int>(s => s.DeleteExpiredAsync(Ct)));

        await Db.With<ImportPosts, bool>(j => j.ImportAsync(queued.Value!.Id, Ct));

        var status = (await Db.With<AccountabilityDirectory, PostImportStatus?>(d => d.ImportAsync(queued.Value!.Id)))!;
        Assert.Equal(PostImportState.Failed, status.State);
        Assert.StartsWith("alice.jsonl: the uploaded file is no longer kept", status.Error, StringComparison.Ordinal);
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
        // A bad file failed for good: it is not kept.
        Assert.Equal(0, await StoredUploadsAsync());
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

/// <summary>Fails the one statement that moves staged posts into AuditPosts, once, while armed.</summary>
internal sealed class FailingCommit : DbCommandInterceptor
{
    public volatile bool Armed;

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (Armed && command.CommandText.Contains("INTO \"AuditPosts\"", StringComparison.Ordinal))
        {
            Armed = false;
            throw new InvalidOperationException("A simulated failure on our side.");
        }

        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }
}

public sealed class ImportPostsSqliteTests() : ImportPostsTests(TestProvider.Sqlite);

public sealed class ImportPostsPostgresTests() : ImportPostsTests(TestProvider.Postgres);
