using System.CommandLine;
using System.Text;
using Answerback.Formats;
using Answerback.OpinionMap;
using Answerback.OpinionMap.Polis;

namespace Answerback.Cli.Commands.OpinionMap;

/// <summary>
/// <c>answerback opinion analyze DIR [--format json|text] [--output FILE] [--seed S]</c>,
/// <c>answerback opinion map DIR --svg FILE [--seed S]</c> and
/// <c>answerback opinion export DIR --output-dir OUT [--seed S]</c>: opinion groups, representative,
/// consensus and bridging statements of a Pol.is export (votes.csv + comments.csv, or participants-votes.csv).
/// </summary>
public static class OpinionCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("opinion", "Opinion maps of policy conversations (Pol.is-compatible): groups, representative, consensus and bridging statements.");
        command.Subcommands.Add(CreateAnalyze(context));
        command.Subcommands.Add(CreateMap(context));
        command.Subcommands.Add(CreateExport(context));
        return command;
    }

    private static Argument<string> Directory() => new("DIR")
    {
        Description = "Folder holding a Pol.is export: votes.csv with comments.csv, or participants-votes.csv.",
    };

    private static Option<int> Seed() => new("--seed")
    {
        Description = "Seed of the PCA start vectors and k-means seeding: the same seed gives the same map.",
        DefaultValueFactory = _ => 0,
    };

    private static Command CreateAnalyze(CliContext context)
    {
        var directory = Directory();
        var seed = Seed();
        var format = new Option<string>("--format")
        {
            Description = "Report format: json|text.",
            DefaultValueFactory = _ => "json",
        };
        var output = new Option<string?>("--output")
        {
            Description = "Write the report to this file instead of standard output.",
        };
        var command = new Command("analyze", "Map the opinion groups of a conversation and report them (JSON or text).");
        command.Arguments.Add(directory);
        command.Options.Add(format);
        command.Options.Add(output);
        command.Options.Add(seed);
        command.SetAction(parseResult =>
        {
            var formatName = parseResult.GetValue(format)!;
            if (formatName is not ("json" or "text"))
            {
                throw new CliException($"unknown --format '{formatName}'; expected json or text");
            }

            var (conversation, map) = Analyze(parseResult.GetValue(directory)!, parseResult.GetValue(seed));
            var file = parseResult.GetValue(output);
            if (formatName == "json")
            {
                using var buffer = new MemoryStream();
                OpinionMapReport.WriteJson(map, buffer);
                var json = Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
                Emit(context, file, json);
            }
            else
            {
                using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
                OpinionMapReport.WriteText(map, conversation.Matrix, text);
                Emit(context, file, text.ToString());
            }

            return 0;
        });
        return command;
    }

    private static Command CreateMap(CliContext context)
    {
        var directory = Directory();
        var seed = Seed();
        var svg = new Option<string>("--svg")
        {
            Description = "The SVG file to draw the map into.",
            Required = true,
        };
        var command = new Command("map", "Draw the opinion map as SVG: participants coloured by group, group sizes, a legend.");
        command.Arguments.Add(directory);
        command.Options.Add(svg);
        command.Options.Add(seed);
        command.SetAction(parseResult =>
        {
            var folder = parseResult.GetValue(directory)!;
            var (_, map) = Analyze(folder, parseResult.GetValue(seed));
            using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            var title = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
            OpinionMapSvg.Write(map, writer, title);
            var file = parseResult.GetValue(svg)!;
            Emit(context, file, writer.ToString());
            context.Output.WriteLine($"{file}: {map.Groups.Count} groups, {map.Participants.Count(p => p.Group is not null)} of {map.Participants.Count} participants grouped");
            return 0;
        });
        return command;
    }

    private static Command CreateExport(CliContext context)
    {
        var directory = Directory();
        var seed = Seed();
        var output = new Option<string>("--output-dir")
        {
            Description = "Folder to write comments.csv, votes.csv and participants-votes.csv (with our group-id) into.",
            Required = true,
        };
        var command = new Command("export", "Write the conversation back out in Pol.is's export format, with our groups in participants-votes.csv.");
        command.Arguments.Add(directory);
        command.Options.Add(output);
        command.Options.Add(seed);
        command.SetAction(parseResult =>
        {
            var (conversation, map) = Analyze(parseResult.GetValue(directory)!, parseResult.GetValue(seed));
            var target = parseResult.GetValue(output)!;
            try
            {
                PolisExport.WriteDirectory(conversation.Matrix, map, target);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"cannot write to {target}: {ex.Message}");
            }

            context.Output.WriteLine($"{target}: comments.csv, votes.csv, participants-votes.csv ({conversation.Matrix.VoteCount} votes, {map.Groups.Count} groups)");
            return 0;
        });
        return command;
    }

    private static (PolisConversation Conversation, Answerback.OpinionMap.OpinionMap Map) Analyze(string directory, int seed)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            throw new CliException($"{directory}: no such folder");
        }

        PolisConversation conversation;
        try
        {
            conversation = PolisExport.ReadDirectory(directory);
        }
        catch (InputFormatException ex)
        {
            throw new CliException(ex.Message);
        }
        catch (FileNotFoundException ex)
        {
            throw new CliException(ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{directory}: {ex.Message}");
        }

        return (conversation, OpinionMapper.Analyze(conversation.Matrix, new OpinionMapOptions { Seed = seed }));
    }

    private static void Emit(CliContext context, string? file, string content)
    {
        if (file is null)
        {
            context.Output.Write(content);
            return;
        }

        try
        {
            File.WriteAllText(file, content, new UTF8Encoding(false));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot write {file}: {ex.Message}");
        }
    }
}
