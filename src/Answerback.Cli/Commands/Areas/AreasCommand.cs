using System.CommandLine;
using Answerback.Cli.Commands.Data;
using Answerback.Platform.Areas;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Cli.Commands.Areas;

/// <summary><c>answerback areas import FILE</c>: areas from a CSV <c>code,name,parent_code</c>.</summary>
public static class AreasCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("areas", "Manage areas (a city, its wards).");
        var import = new Command("import", "Import areas from a CSV with the header code,name,parent_code (GSS codes; parent_code blank for a top-level area). A known code updates that area. All or nothing.");
        var file = new Argument<string>("FILE") { Description = "The CSV file (UTF-8)." };
        import.Arguments.Add(file);
        var connection = PlatformConnection.AddTo(import);
        import.SetAction((parseResult, ct) =>
        {
            var path = parseResult.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw new CliException($"{path}: file not found");
            }

            return connection.RunAsync(parseResult, requireMigrated: true, async (services, token) =>
            {
                AreaImportReport report;
                await using (var stream = PlatformConnection.OpenInput(path))
                {
                    // The CLI is the operator's own tool (it holds the database connection), so it may change existing areas.
                    report = await services.GetRequiredService<ImportAreas>().ImportAsync(stream, Path.GetFileName(path), mayChangeExisting: true, token);
                }

                if (!report.Succeeded)
                {
                    await ImportErrors.WriteAsync(context, path, report.Errors);
                    throw new CliException($"{path}: {report.Errors.Count} error(s); nothing was imported");
                }

                await context.Output.WriteLineAsync($"Imported {path}: {report.Created} area(s) created, {report.Updated} updated.");
                return 0;
            }, ct);
        });
        command.Subcommands.Add(import);
        return command;
    }
}
