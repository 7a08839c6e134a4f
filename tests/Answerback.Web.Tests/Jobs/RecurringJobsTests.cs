using Answerback.Platform.Imports;
using Answerback.Platform.Webmentions;
using Answerback.Web.Tests.Infrastructure;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Web.Tests.Jobs;

/// <summary>The capabilities' recurring jobs asked for with <c>AddRecurringJob</c> are scheduled when the app starts, each once.</summary>
public sealed class RecurringJobsTests(PlainAppFixture apps) : IClassFixture<PlainAppFixture>
{
    [Theory]
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
