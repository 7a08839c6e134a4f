using Answerback.Platform.RateLimits;
using Answerback.Web.Tests.Infrastructure;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Web.Tests.RateLimits;

/// <summary>The clean-up of ended rate-limit windows is scheduled when the app starts (what it deletes: Platform.Tests' CountAttemptTests).</summary>
public sealed class RateLimitCleanUpTests(PlainAppFixture apps) : IClassFixture<PlainAppFixture>
{
    [Fact]
    public async Task Start_SchedulesTheRecurringCleanUpEveryFifteenMinutes()
    {
        var app = await apps.AppAsync(Provider.Sqlite);

        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == DeleteExpiredRateLimitWindows.JobId);

        Assert.Equal("*/15 * * * *", job.Cron);
        Assert.Equal(typeof(DeleteExpiredRateLimitWindows), job.Job.Type);
    }
}
