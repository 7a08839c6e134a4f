using System.CommandLine;
using Answerback.Cli.Commands.Data;
using Answerback.Platform.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Cli.Commands.Accounts;

/// <summary><c>answerback admin create --email E [--password-file F]</c>: the first administrator (there are no default passwords).</summary>
public static class AdminCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("admin", "Manage platform administrators.");
        var create = new Command("create", "Create an administrator (or make an existing account one). Without --password-file a strong password is generated and printed once.");
        var email = new Option<string>("--email") { Description = "The administrator's email address (also the user name).", Required = true };
        var passwordFile = new Option<string?>("--password-file") { Description = "A file whose first line is the password (keeps it out of shell history)." };
        create.Options.Add(email);
        create.Options.Add(passwordFile);
        var connection = PlatformConnection.AddTo(create);
        create.SetAction((parseResult, ct) =>
        {
            string? password = null;
            if (parseResult.GetValue(passwordFile) is { } file)
            {
                if (!File.Exists(file))
                {
                    throw new CliException($"{file}: file not found");
                }

                password = File.ReadLines(file).FirstOrDefault()?.TrimEnd('\r');
                if (string.IsNullOrEmpty(password))
                {
                    throw new CliException($"{file}: the first line is empty (expected the password)");
                }
            }

            return connection.RunAsync(parseResult, requireMigrated: true, async (services, token) =>
            {
                var address = parseResult.GetValue(email)!;
                var result = await services.GetRequiredService<CreateAdministrator>().CreateAsync(address, password, token);
                if (!result.Succeeded)
                {
                    throw new CliException($"could not create the administrator {address}: {string.Join(" ", result.Errors.Select(e => e.Message))}");
                }

                if (result.Value.TookOverUnconfirmed)
                {
                    // Someone may have signed up with this address first: their password and sessions are gone.
                    await context.Output.WriteLineAsync($"{address} had an unconfirmed account: its password was replaced, its sessions ended, and it is now an administrator.");
                    if (result.Value.GeneratedPassword is { } replaced)
                    {
                        await context.Output.WriteLineAsync($"Password (shown once, store it now): {replaced}");
                    }

                    return 0;
                }

                if (result.Value.AlreadyExisted)
                {
                    await context.Output.WriteLineAsync($"{address} already had an account; it is now an administrator (its password is unchanged).");
                    return 0;
                }

                await context.Output.WriteLineAsync($"Created administrator {address}.");
                if (result.Value.GeneratedPassword is { } generated)
                {
                    await context.Output.WriteLineAsync($"Password (shown once, store it now): {generated}");
                }

                return 0;
            }, ct);
        });
        command.Subcommands.Add(create);
        command.Subcommands.Add(CreateOrganisationCommand(context));
        command.Subcommands.Add(ApproveRegisterCommand(context));
        return command;
    }

    /// <summary><c>answerback admin create-organisation --name N [--slug S] [--description D]</c>, so a register can be imported without the web app.</summary>
    private static Command CreateOrganisationCommand(CliContext context)
    {
        var command = new Command("create-organisation", "Create an organisation (a local party, a council, a campaign).");
        var name = new Option<string>("--name") { Description = "The organisation's name.", Required = true };
        var slug = new Option<string?>("--slug") { Description = "Its page address (lower-case letters, digits, hyphens). Default: from the name." };
        var description = new Option<string?>("--description") { Description = "A short description." };
        command.Options.Add(name);
        command.Options.Add(slug);
        command.Options.Add(description);
        var connection = PlatformConnection.AddTo(command);
        command.SetAction((parseResult, ct) => connection.RunAsync(parseResult, requireMigrated: true, async (services, token) =>
        {
            var result = await services.GetRequiredService<Platform.Organisations.CreateOrganisation>()
                .CreateAsync(parseResult.GetValue(name)!, parseResult.GetValue(slug), parseResult.GetValue(description), token);
            if (!result.Succeeded)
            {
                throw new CliException(string.Join(" ", result.Errors.Select(e => $"--{e.Field}: {e.Message}")));
            }

            await context.Output.WriteLineAsync($"Created organisation {result.Value.Name} ({result.Value.Slug}).");
            return 0;
        }, ct));
        return command;
    }

    /// <summary>
    /// <c>answerback admin approve-register --organisation SLUG --area CODE</c>: the organisation's
    /// register counts for the area and every area within it (public figures, eligibility).
    /// </summary>
    private static Command ApproveRegisterCommand(CliContext context)
    {
        var command = new Command("approve-register", "Approve an organisation as the holder of the electoral register for an area (and the areas within it).");
        var organisation = new Option<string>("--organisation") { Description = "The organisation's address (slug).", Required = true };
        var area = new Option<string>("--area") { Description = "The area's official code, e.g. E07000008.", Required = true };
        command.Options.Add(organisation);
        command.Options.Add(area);
        var connection = PlatformConnection.AddTo(command);
        command.SetAction((parseResult, ct) => connection.RunAsync(parseResult, requireMigrated: true, async (services, token) =>
        {
            var result = await services.GetRequiredService<Platform.Residency.ApproveRegisterHolder>()
                .ApproveAsync(parseResult.GetValue(organisation)!, parseResult.GetValue(area)!, approvedBy: null, token);
            if (!result.Succeeded)
            {
                throw new CliException(string.Join(" ", result.Errors.Select(e => $"--{e.Field}: {e.Message}")));
            }

            await context.Output.WriteLineAsync(result.Changed
                ? $"Approved {parseResult.GetValue(organisation)} as register holder for {parseResult.GetValue(area)}."
                : $"{parseResult.GetValue(organisation)} was already approved for {parseResult.GetValue(area)}.");
            return 0;
        }, ct));
        return command;
    }
}
