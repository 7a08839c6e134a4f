using System.CommandLine;
using Answerback.Cli.Commands.Areas;
using Answerback.Cli.Commands.Data;
using Answerback.Platform.Data;
using Answerback.Platform.Organisations;
using Answerback.Platform.Residency;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Cli.Commands.Residency;

/// <summary><c>answerback register import FILE --area CODE [--organisation SLUG]</c>: an electoral register extract, stored as keyed hashes.</summary>
public static class RegisterCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("register", "Manage electoral register extracts used for residency verification.");
        var import = new Command("import", "Import a register extract: a CSV with elector_number and postcode columns and optionally area_code (the area or one within it). Other columns, such as names, are ignored and never stored; only a keyed hash of elector number and postcode is kept. All or nothing.");
        var file = new Argument<string>("FILE") { Description = "The CSV file (UTF-8)." };
        var area = new Option<string>("--area") { Description = "The code of the area the register covers (e.g. E07000008).", Required = true };
        var organisation = new Option<string>("--organisation") { Description = "The slug of the organisation uploading the register (may be left out when there is only one organisation)." };
        import.Arguments.Add(file);
        import.Options.Add(area);
        import.Options.Add(organisation);
        var connection = PlatformConnection.AddTo(import);
        import.SetAction((parseResult, ct) =>
        {
            var path = parseResult.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw new CliException($"{path}: file not found");
            }

            var slug = parseResult.GetValue(organisation);
            var code = parseResult.GetValue(area)!;
            return connection.RunAsync(parseResult, requireMigrated: true, async (services, token) =>
            {
                var db = services.GetRequiredService<AnswerbackDbContext>();
                var owner = slug is null
                    ? await SoleOrganisationAsync(db, token)
                    : await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == slug, token)
                        ?? throw new CliException($"--organisation: no organisation has the slug '{slug}'");
                RegisterImportReport report;
                await using (var stream = PlatformConnection.OpenInput(path))
                {
                    report = await services.GetRequiredService<ImportRegister>().ImportAsync(stream, Path.GetFileName(path), owner.Id, code, token);
                }

                if (!report.Succeeded)
                {
                    await ImportErrors.WriteAsync(context, path, report.Errors);
                    throw new CliException($"{path}: {report.Errors.Count} error(s); nothing was imported");
                }

                await context.Output.WriteLineAsync($"Imported {path} for {owner.Name} into area {code.ToUpperInvariant()}: {report.Imported} entr{(report.Imported == 1 ? "y" : "ies")} added, {report.AlreadyPresent} already present.");
                return 0;
            }, ct);
        });
        command.Subcommands.Add(import);
        return command;
    }

    // Guessing among several organisations would attach electors to the wrong one, so only the
    // unambiguous case is allowed without --organisation.
    private static async Task<Organisation> SoleOrganisationAsync(AnswerbackDbContext db, CancellationToken ct)
    {
        var organisations = await db.Organisations.AsNoTracking().Take(2).ToListAsync(ct);
        if (organisations.Count == 1)
        {
            return organisations[0];
        }

        if (organisations.Count == 0)
        {
            throw new CliException("--organisation: there are no organisations; create one with 'answerback admin create-organisation', then pass --organisation SLUG");
        }

        var slugs = (await db.Organisations.AsNoTracking().Select(o => o.Slug).ToListAsync(ct)).Order(StringComparer.Ordinal);
        throw new CliException($"--organisation: there are several organisations ({string.Join(", ", slugs)}); pass --organisation SLUG to choose one");
    }
}
