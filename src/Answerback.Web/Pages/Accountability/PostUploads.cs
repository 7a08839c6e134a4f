using Answerback.Platform.Accountability;
using Answerback.Platform.Common;
using Answerback.Web.Infrastructure;

namespace Answerback.Web.Pages.Accountability;

/// <summary>The one way a page starts a post import: keep the upload, queue the job. The page has checked who may.</summary>
public sealed class PostUploads(QueuePostImport queue, IAccountabilityJobs jobs, CurrentPerson current)
{
    public async Task<Result<PostImport>> StartAsync(Guid organisationId, Guid? representativeId, IFormFile file, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        await using var stream = file.OpenReadStream();
        var queued = await queue.QueueAsync(organisationId, representativeId, current.Id, stream, file.FileName, ct);
        if (queued.Succeeded)
        {
            jobs.EnqueueImport(queued.Value.Id);
        }

        return queued;
    }
}
