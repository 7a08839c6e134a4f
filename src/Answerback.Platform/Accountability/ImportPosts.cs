using Answerback.Formats;
using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Answerback.Platform.Imports;
using Answerback.SocialAudit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Answerback.Platform.Accountability;

/// <summary>
/// Accepts an upload of posts (an X archive <c>.zip</c>, a Mastodon outbox <c>.zip</c>, a Bluesky feed
/// <c>.json</c>, QUT <c>.csv</c> or JSON lines <c>.jsonl</c>) for one representative or in bulk: the file
/// is kept in the database's <see cref="UploadStore"/> (so the job may run on any node) and a
/// <see cref="PostImport"/> row records it, queued, in the same transaction. The caller checks who may
/// (<see cref="AccountabilityAccess.MayImportPostsAsync"/>) and then runs <see cref="ImportPosts.RunAsync"/>
/// in the background.
/// </summary>
public sealed class QueuePostImport(AnswerbackDbContext db, UploadStore uploads, TimeProvider time)
{
    public static readonly IReadOnlyList<string> Extensions = [".zip", ".json", ".jsonl", ".ndjson", ".csv"];

    /// <summary>The uploads' purpose in the store.</summary>
    public const string UploadPurpose = "post-import";

    public async Task<Result<PostImport>> QueueAsync(Guid organisationId, Guid? representativeId, Guid personId, Stream upload, string fileName, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        fileName = Path.GetFileName(fileName ?? "");
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (!Extensions.Contains(extension))
        {
            return Result.Failed<PostImport>("file", $"{fileName}: expected an archive (.zip), a Bluesky feed (.json), JSON lines (.jsonl) or a QUT CSV (.csv)");
        }

        // The file and its row commit together (joining a caller's transaction when there is one).
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var stored = await uploads.SaveAsync(upload, fileName, UploadPurpose, ct);
        if (!stored.Succeeded)
        {
            return Result.Failed<PostImport>(stored.Errors);
        }

        var import = new PostImport
        {
            Id = Guid.NewGuid(),
            OrganisationId = organisationId,
            RepresentativeId = representativeId,
            RequestedByPersonId = personId,
            FileName = stored.Value.FileName,
            UploadId = stored.Value.Id,
            State = PostImportState.Queued,
            CreatedAt = time.GetUtcNow(),
        };
        db.Set<PostImport>().Add(import);
        await db.SaveChangesAsync(ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        return Result.Ok(import);
    }
}

/// <summary>
/// The background job of a post upload (<see cref="RunAsync"/>: ids only, so any job runner can call it).
/// Reads the file as it streams (JSON lines and CSV line by line; archives and feeds one account at a
/// time), keeps the posts the scores need (posts by accounts in the registry, and replies and mentions
/// addressed to them), stages them, and commits them in one step: all or nothing, the same post twice
/// stored once. Then recomputes the scorecards (<see cref="RecomputeAudit"/>). A bad file fails the
/// import with the engine's message naming the file, line and field.
/// </summary>
public sealed class ImportPosts(IServiceScopeFactory scopes, TimeProvider time, IOptions<UploadsOptions> uploadsOptions, ILogger<ImportPosts> logger)
{
    private const int BatchSize = 5_000;

    /// <summary>How often progress is written (posts).</summary>
    private const int ProgressEvery = 50_000;

    /// <summary>Imports the file, then recomputes the scorecards.</summary>
    public async Task RunAsync(Guid importId, CancellationToken ct)
    {
        if (await ImportAsync(importId, ct))
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RecomputeAudit>().RunAsync(ct);
        }
    }

    /// <summary>Imports the file only; true when posts were committed (the scorecards then need a recompute).</summary>
    public Task<bool> ImportAsync(Guid importId, CancellationToken ct) => ImportAsync(importId, lastAttempt: true, ct);

    /// <summary>
    /// As <see cref="ImportAsync(Guid, CancellationToken)"/>. The uploaded file is deleted once the import
    /// succeeded or failed for good (bad input, or an unexpected error on the <paramref name="lastAttempt"/>);
    /// after an unexpected error with retries left it is kept, so the job's retry can read it.
    /// </summary>
    public async Task<bool> ImportAsync(Guid importId, bool lastAttempt, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>();
        var import = await db.Set<PostImport>().FirstOrDefaultAsync(i => i.Id == importId, ct);
        if (import is null || import.State is PostImportState.Succeeded or PostImportState.Failed)
        {
            // Already done (a job retried after it finished): nothing to do.
            return false;
        }

        import.State = PostImportState.Running;
        await db.SaveChangesAsync(ct);
        try
        {
            var added = await ImportFileAsync(scope.ServiceProvider, import, ct);
            await Finish(db, importId, PostImportState.Succeeded, null, added, ct);
        }
        catch (InputFormatException ex)
        {
            await Finish(db, importId, PostImportState.Failed, ex.Message, 0, ct);
            await DeleteUploadAsync(scope.ServiceProvider, import);
            return false;
        }
        catch (UploadRefusedException ex)
        {
            await Finish(db, importId, PostImportState.Failed, ex.Message, 0, ct);
            await DeleteUploadAsync(scope.ServiceProvider, import);
            return false;
        }
        catch (Exception ex) when (lastAttempt && ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Post import {ImportId} failed on its last attempt", importId);
            await Finish(db, importId, PostImportState.Failed, "The import failed on our side. Upload the file again; if it fails again, tell the site's operators.", 0, CancellationToken.None);
            await DeleteUploadAsync(scope.ServiceProvider, import);
            return false;
        }

        await DeleteUploadAsync(scope.ServiceProvider, import);
        return true;
    }

    private async Task Finish(AnswerbackDbContext db, Guid importId, PostImportState state, string? error, long added, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var import = await db.Set<PostImport>().FirstAsync(i => i.Id == importId, ct);
        import.State = state;
        import.Error = error is { Length: > 2000 } ? error[..2000] : error;
        import.PostsAdded = added;
        import.FinishedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Post import {ImportId}: {State}, {Added} posts added", importId, state, added);
        }
    }

    private async Task<long> ImportFileAsync(IServiceProvider services, PostImport import, CancellationToken ct)
    {
        var db = services.GetRequiredService<AnswerbackDbContext>();
        var registry = await AccountRegistry.LoadAsync(db, ct);
        var target = import.RepresentativeId is { } repId ? registry.Representative(repId) : null;
        if (import.RepresentativeId is not null && target is null)
        {
            throw new UploadRefusedException($"{import.FileName}: the representative no longer exists");
        }

        long read = 0, kept = 0, byTarget = 0;
        var firstOther = "";
        var learned = new Dictionary<Guid, string>();
        var batch = new List<AuditPost>(BatchSize);
        await using (var staging = await PostStaging.StartAsync(db, ct))
        {
            await using (var file = await OpenUploadAsync(services, import, ct))
            {
                foreach (var post in Read(file, import.FileName))
                {
                    ct.ThrowIfCancellationRequested();
                    read++;
                    if (post.Id.Length > AuditPostConfiguration.IdLength || post.AccountId.Length > AuditPostConfiguration.IdLength)
                    {
                        throw new UploadRefusedException($"{import.FileName}: post {post.Id[..Math.Min(60, post.Id.Length)]}: ids longer than {AuditPostConfiguration.IdLength} characters are not accepted");
                    }

                    var author = registry.Match(post);
                    if (author is not null && author.AccountId is null && learned.TryAdd(author.AccountRowId, post.AccountId))
                    {
                        registry.Learn(author, post.AccountId);
                    }

                    if (author is not null && (target is null || author.RepresentativeId == target.Id))
                    {
                        byTarget++;
                    }
                    else if (firstOther.Length == 0 && post.Handle.Length > 0)
                    {
                        firstOther = "@" + post.Handle;
                    }

                    if (author is null && !registry.IsAddressedToRegistry(post))
                    {
                        continue;
                    }

                    kept++;
                    batch.Add(AuditPost.From(post, import.Id));
                    if (batch.Count == BatchSize)
                    {
                        await staging.AddAsync(batch, ct);
                        batch.Clear();
                    }

                    if (read % ProgressEvery == 0)
                    {
                        await ReportProgressAsync(import.Id, read, ct);
                    }
                }
            }

            if (target is not null && byTarget == 0)
            {
                throw new UploadRefusedException(read == 0
                    ? $"{import.FileName}: the file holds no posts"
                    : $"{import.FileName}: no post is by an account of {target.Name} ({target.Describe()})" + (firstOther.Length > 0 ? $"; the posts are by {firstOther}" : "") + ": check the file, or add the account to their entry");
            }

            if (kept == 0)
            {
                throw new UploadRefusedException(read == 0
                    ? $"{import.FileName}: the file holds no posts"
                    : $"{import.FileName}: none of its {read} posts is by, or addressed to, an account in the registry" + (firstOther.Length > 0 ? $" (the first is by {firstOther})" : ""));
            }

            await staging.AddAsync(batch, ct);
            await ReportProgressAsync(import.Id, read, ct);
            var added = await staging.CommitAsync(ct);
            foreach (var (accountRowId, accountId) in learned)
            {
                await db.Set<RepresentativeAccount>().Where(a => a.Id == accountRowId && a.AccountId == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.AccountId, accountId), ct);
            }

            return added;
        }
    }

    /// <summary>Progress through another connection: the import's own is busy staging.</summary>
    private async Task ReportProgressAsync(Guid importId, long read, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>().Set<PostImport>()
            .Where(i => i.Id == importId).ExecuteUpdateAsync(s => s.SetProperty(i => i.PostsRead, read), ct);
    }

    /// <summary>Streams JSON lines and CSV line by line; archives and feeds are one account's and are read whole by the engine.</summary>
    internal static IEnumerable<Post> Read(Stream file, string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".jsonl" or ".ndjson" => JsonLinesFormat.Read(file, fileName),
        ".csv" => QutCsvFormat.Read(file, fileName),
        _ => PostSources.Read(file, fileName),
    };

    /// <summary>The stored file; refused (for good) when it is gone: expired after <c>Uploads:KeepDays</c>, or deleted.</summary>
    private async Task<Stream> OpenUploadAsync(IServiceProvider services, PostImport import, CancellationToken ct)
        => (import.UploadId is { } id ? await services.GetRequiredService<UploadStore>().OpenReadAsync(id, ct) : null)
            ?? throw new UploadRefusedException($"{import.FileName}: the uploaded file is no longer kept (uploads are kept {uploadsOptions.Value.KeepDays} days); upload it again");

    /// <summary>Deletes the stored file once the import is over (it is kept while Hangfire may retry).</summary>
    private static async Task DeleteUploadAsync(IServiceProvider services, PostImport import)
    {
        if (import.UploadId is { } id)
        {
            await services.GetRequiredService<UploadStore>().DeleteAsync(id, CancellationToken.None);
        }
    }
}

/// <summary>An upload the import refuses as a whole (wrong account, nothing relevant): its message names the file.</summary>
public sealed class UploadRefusedException(string message) : Exception(message)
{
    public UploadRefusedException()
        : this("The upload was refused.")
    {
    }

    public UploadRefusedException(string message, Exception inner)
        : this(message + " " + inner?.Message)
    {
    }
}
