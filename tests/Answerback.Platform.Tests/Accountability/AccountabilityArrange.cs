using System.Text;
using Answerback.Platform.Accountability;
using Answerback.Platform.Data;
using Answerback.Platform.Tests.Infrastructure;
using Answerback.SocialAudit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Platform.Tests.Accountability;

/// <summary>Registry entries and post files for the Accountability tests, through the real use cases.</summary>
public static class AccountabilityArrange
{
    public const string Header = "name,party_name,post_label,gss_code,election,twitter_username,mastodon_username,facebook_page_url,homepage_url,elected\n";

    /// <summary>Imports the registry CSV rows (after the Democracy Club header) for the organisation; asserts success.</summary>
    public static async Task RegistryAsync(this PlatformTestDatabase db, Guid organisationId, string rows)
    {
        var report = await db.With<ImportRepresentatives, RepresentativeImportReport>(i => i.ImportAsync(organisationId, Arrange.Csv(Header + rows), "candidates.csv"));
        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
    }

    public static async Task<Guid> RepresentativeIdAsync(this PlatformTestDatabase db, string name)
    {
        await using var scope = db.Scope();
        return await scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>().Set<Representative>().Where(r => r.Name == name).Select(r => r.Id).SingleAsync();
    }

    /// <summary>Queues the file and runs the import job as the job runner would; returns the import's final status.</summary>
    public static async Task<PostImportStatus> ImportPostsAsync(this PlatformTestDatabase db, Guid organisationId, Guid? representativeId, Guid personId, byte[] file, string fileName)
    {
        var queued = await db.With<QueuePostImport, Answerback.Platform.Common.Result<PostImport>>(q => q.QueueAsync(organisationId, representativeId, personId, new MemoryStream(file), fileName));
        Assert.True(queued.Succeeded, string.Join("; ", queued.Errors));
        await db.With<ImportPosts, bool>(async job =>
        {
            await job.RunAsync(queued.Value!.Id, TestContext.Current.CancellationToken);
            return true;
        });
        return (await db.With<AccountabilityDirectory, PostImportStatus?>(d => d.ImportAsync(queued.Value.Id)))!;
    }

    public static async Task<long> StoredPostsAsync(this PlatformTestDatabase db)
    {
        await using var scope = db.Scope();
        return await scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>().Set<AuditPost>().LongCountAsync();
    }

    public static byte[] JsonLines(IEnumerable<Post> posts)
    {
        using var stream = new MemoryStream();
        JsonLinesFormat.Write(posts, stream);
        return stream.ToArray();
    }

    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static Post X(string id, string account, string handle, double minutes, string text, PostKind kind = PostKind.Original,
        string? replyTo = null, string? replyToAccount = null, string? repostOf = null, params string[] mentions) => new()
    {
        Network = "x",
        Id = id,
        AccountId = account,
        Handle = handle,
        Time = T0.AddMinutes(minutes),
        Text = text,
        Kind = kind,
        ReplyToPostId = replyTo,
        ReplyToAccountId = replyToAccount,
        RepostOfId = repostOf,
        Mentions = mentions,
        Visibility = PostVisibility.Public,
    };

    /// <summary>
    /// A representative's month of posts: 30 originals, 8 reposts, 12 replies to citizens' 15 replies
    /// (answered after 5 to 60 minutes), and 2 thread continuations; and the citizens' replies.
    /// </summary>
    public static List<Post> ConversationOf(string account, string handle)
    {
        var posts = new List<Post>();
        for (var i = 0; i < 30; i++)
        {
            posts.Add(X($"{account}-o{i}", account, handle, i * 600, $"Original post number {i} about the ward and its bins {i}"));
        }

        for (var i = 0; i < 8; i++)
        {
            posts.Add(X($"{account}-r{i}", account, handle, (i * 700) + 5, "", PostKind.Repost, repostOf: $"other-{i}"));
        }

        for (var i = 0; i < 15; i++)
        {
            var citizen = X($"c{account}-{i}", $"citizen{i}", $"citizen{i}", (i * 600) + 30, $"@{handle} what about the bus lane {i}?", PostKind.Reply,
                replyTo: $"{account}-o{i}", replyToAccount: account, mentions: handle);
            posts.Add(citizen);
            if (i < 12)
            {
                posts.Add(X($"{account}-a{i}", account, handle, (i * 600) + 35 + (i * 5), $"@citizen{i} thanks, we are on it {i}", PostKind.Reply,
                    replyTo: citizen.Id, replyToAccount: $"citizen{i}", mentions: $"citizen{i}"));
            }
        }

        posts.Add(X($"{account}-t1", account, handle, 20, "and more (1/2)", PostKind.Reply, replyTo: $"{account}-o0", replyToAccount: account));
        posts.Add(X($"{account}-t2", account, handle, 21, "and more (2/2)", PostKind.Reply, replyTo: $"{account}-t1", replyToAccount: account));
        return posts;
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
