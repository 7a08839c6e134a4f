using Answerback.Platform.Imports;
using Answerback.Platform.RateLimits;
using Answerback.Platform.Webmentions;
using Answerback.Web.Tests.Infrastructure;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Web.Tests.Jobs;

/// <summary>
/// The capabilities' recurring jobs asked for with <c>AddRecurringJob</c> are scheduled when the app
/// starts, each once (what the rate-limit clean-up deletes: Platform.Tests' CountAttemptTests).
/// </summary>
public sealed class RecurringJobsTests(PlainAppFixture apps) : IClassFixture<PlainAppFixture>
{
    [Theory]
    [InlineData(DeleteExpiredRateLimitWindows.JobId, "*/15 * * * *", typeof(DeleteExpiredRateLimitWindows))]
    [InlineData(UploadStore.CleanUpJobId, "0 0 * * *", typeof(UploadStore))]
    [InlineData(SendWebmention.SweepJobId, "*/10 * * * *", typeof(SendWebmention))]
    public async Task Start_SchedulesTheJob(string id, string cron, Type type)
    {
        var app = await apps.AppAsync(Provider.Sqlite);

        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == id);

        Assert.Equal(cron, job.Cron);
        Assert.Equal(type, job.Job.Type);
    }
}
