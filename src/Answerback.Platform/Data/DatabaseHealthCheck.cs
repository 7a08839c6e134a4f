using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Answerback.Web.Infrastructure;

/// <summary><c>/healthz</c>: healthy when the database answers a query.</summary>
public sealed class DatabaseHealthCheck(AnswerbackDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // A real query, not just a connection: it also proves the migrations have been applied.
            await db.Areas.AnyAsync(cancellationToken);
            return HealthCheckResult.Healthy("The database answers.");
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", ex);
        }
    }
}
