using Answerback.Platform.Demo;
using Answerback.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace Answerback.Web.Pages.Demo;

/// <summary>At start-up in demo mode: seed the demo data (idempotent, so every restart is safe).</summary>
public static class DemoStartup
{
    public static async Task SeedDemoWhenEnabledAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Services.GetRequiredService<IOptions<DemoOptions>>().Value.Enabled)
        {
            return;
        }

        if (!app.Environment.IsDevelopment())
        {
            // Only reached with Demo:AllowPublicOutbox (the options refuse to start otherwise).
            app.Logger.PublicOutbox();
        }

        await using var scope = app.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<SeedDemo>().SeedAsync();
        app.Logger.DemoSeeded(report.AreasCreated, report.PeopleCreated, report.RegisterEntriesCreated);
    }
}
