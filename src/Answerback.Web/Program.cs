using Answerback.Platform;
using Answerback.Web;
using Answerback.Web.Pages.Demo;

var builder = WebApplication.CreateBuilder(args);

builder.AddWebLogging();
builder.Services.AddPlatform(builder.Configuration);
builder.Services.AddWeb(builder.Configuration);

var app = builder.Build();

// Migrations are applied at every start, so a fresh install and an upgrade need no extra step.
await app.Services.MigrateDatabaseAsync();
await app.SeedDemoWhenEnabledAsync();

app.UseWeb();
app.MapWeb();

await app.RunAsync();

/// <summary>Entry point type, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
