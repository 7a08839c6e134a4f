using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Answerback.Platform.Accountability;

/// <summary>Puts Accountability's background work in line; never run on the request path.</summary>
public interface IAccountabilityJobs
{
    /// <summary>Runs <see cref="ImportPosts.RunAsync"/> for the import in the background.</summary>
    void EnqueueImport(Guid importId);

    /// <summary>Runs <see cref="RecomputeAudit.RunAsync"/> in the background (after a note changes what is scored).</summary>
    void EnqueueRecompute();
}

/// <summary>
/// An in-process queue worked by one hosted service: imports run one after another, off the request
/// path. (Stands in until the shared job engine is merged; the jobs themselves take ids only.)
/// </summary>
internal sealed class InProcessAccountabilityJobs(IServiceScopeFactory scopes, ILogger<InProcessAccountabilityJobs> logger) : BackgroundService, IAccountabilityJobs
{
    private readonly Channel<Guid> queue = Channel.CreateUnbounded<Guid>();

    public void EnqueueImport(Guid importId) => queue.Writer.TryWrite(importId);

    // Guid.Empty stands for "recompute only".
    public void EnqueueRecompute() => queue.Writer.TryWrite(Guid.Empty);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var id in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (id == Guid.Empty)
                {
                    await scope.ServiceProvider.GetRequiredService<RecomputeAudit>().RunAsync(stoppingToken);
                }
                else
                {
                    await scope.ServiceProvider.GetRequiredService<ImportPosts>().RunAsync(id, stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Post import {ImportId} failed unexpectedly", id);
            }
        }
    }
}
