using System.Text;
using Answerback.Platform;
using Answerback.Platform.Accountability;
using Answerback.Platform.Areas;
using Answerback.Platform.Organisations;
using Answerback.SocialAudit;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Web.Tests.Accountability;

/// <summary>A post upload taken by one node and imported by another: the file travels in the database, no folder is shared.</summary>
public sealed class TwoNodeImportTests : IDisposable
{
    private readonly string folders = Path.Combine(Path.GetTempPath(), "answerback-two-node-import-" + Guid.NewGuid().ToString("N"));

    private static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task Upload_QueuedOnNodeA_IsImportedByNodeB_WithItsOwnDataFolder()
    {
        // Each node has a data folder of its own, as two machines would.
        await using var nodes = TwoNodes.Start(services: (name, s) => s.PostConfigure<StorageOptions>(o => o.DataFolder = Path.Combine(folders, name)));
        var ct = TestContext.Current.CancellationToken;
        Guid importId;
        await using (var scope = nodes.A.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var areas = await services.GetRequiredService<ImportAreas>().ImportAsync(Utf8("code,name,parent_code\nC1,Testville,\nW1,North Ward,C1\n"), "areas.csv", mayChangeExisting: false, ct);
            Assert.True(areas.Succeeded, string.Join("; ", areas.Errors));
            var organisation = await services.GetRequiredService<CreateOrganisation>().CreateAsync("Testville Greens", null, null, ct);
            var registry = await services.GetRequiredService<ImportRepresentatives>().ImportAsync(organisation.Value!.Id, Utf8(
                "name,party_name,post_label,gss_code,election,twitter_username,mastodon_username,facebook_page_url,homepage_url,elected\n"
                + "Alice Green,Testville Greens,North Ward,W1,local.x.2024-05-02,alice,,,,True\n"), "candidates.csv", ct);
            Assert.True(registry.Succeeded, string.Join("; ", registry.Errors));

            var queued = await services.GetRequiredService<QueuePostImport>().QueueAsync(organisation.Value.Id, null, Guid.NewGuid(), new MemoryStream(Posts(30)), "bulk.jsonl", ct);
            Assert.True(queued.Succeeded, string.Join("; ", queued.Errors));
            importId = queued.Value.Id;
        }

        // Node B runs the job, as Hangfire may have it do.
        await using (var scope = nodes.B.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<ImportPosts>().ImportAsync(importId, ct));
        }

        await using (var scope = nodes.A.Services.CreateAsyncScope())
        {
            var status = await scope.ServiceProvider.GetRequiredService<AccountabilityDirectory>().ImportAsync(importId, ct);
            Assert.Equal((PostImportState.Succeeded, 30L, 30L, (string?)null), (status!.State, status.PostsRead, status.PostsAdded, status.Error));
        }

        Assert.False(Directory.Exists(Path.Combine(folders, "A", "post-imports")));
        Assert.False(Directory.Exists(Path.Combine(folders, "B", "post-imports")));
    }

    private static byte[] Posts(int count)
    {
        var start = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        using var stream = new MemoryStream();
        JsonLinesFormat.Write(Enumerable.Range(1, count).Select(i => new Post
        {
            Network = "x",
            Id = "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            AccountId = "1",
            Handle = "alice",
            Time = start.AddMinutes(i),
            Text = "Post number " + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Kind = PostKind.Original,
            Visibility = PostVisibility.Public,
        }), stream);
        return stream.ToArray();
    }

    public void Dispose()
    {
        if (Directory.Exists(folders))
        {
            Directory.Delete(folders, recursive: true);
        }
    }
}
