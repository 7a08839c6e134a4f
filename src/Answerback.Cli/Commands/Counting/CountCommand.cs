using Answerback.Formats;
using System.CommandLine;
using System.Globalization;
using System.Text;
using Answerback.Counting;
using Answerback.Counting.Formats;
using Answerback.Counting.Reports;

namespace Answerback.Cli.Commands.Counting;

/// <summary>
/// <c>answerback count FILE... --method M [--seats N] [--seed S] [--format text|json|csv] [--output-dir DIR]</c>:
/// counts ballot files (BLT, PrefLib .soi/.toi, cast-vote-record .csv, JSON ballots) and prints stage reports.
/// </summary>
public static class CountCommand
{
    public static Command Create(CliContext context)
    {
        var files = new Argument<string[]>("FILE")
        {
            Description = "Ballot files: .blt, .soi/.toi (PrefLib), .csv (cast vote records, columns rank1..rankN) or .json.",
            Arity = ArgumentArity.OneOrMore,
        };
        var method = new Option<string>("--method")
        {
            Description = "Counting method: " + string.Join("|", CountingMethods.Names) + ".",
            Required = true,
        };
        var seats = new Option<int?>("--seats")
        {
            Description = "Seats to fill (default: the BLT or JSON file's, otherwise 1).",
        };
        var seed = new Option<int>("--seed")
        {
            Description = "Seed for drawing lots, recorded in the report so a recount draws the same.",
            DefaultValueFactory = _ => 1,
        };
        var format = new Option<string>("--format")
        {
            Description = "Report format: text|json|csv.",
            DefaultValueFactory = _ => "text",
        };
        var outputDir = new Option<string?>("--output-dir")
        {
            Description = "Write one report per input (X.blt gives DIR/X.txt, .json or .csv) instead of standard output.",
        };

        var command = new Command("count", "Count ballot files: plurality, approval, AV, Scottish STV, Meek STV, Schulze or ranked pairs.");
        command.Arguments.Add(files);
        command.Options.Add(method);
        command.Options.Add(seats);
        command.Options.Add(seed);
        command.Options.Add(format);
        command.Options.Add(outputDir);
        command.SetAction(parseResult => Run(
            context,
            parseResult.GetValue(files) ?? [],
            parseResult.GetValue(method)!,
            parseResult.GetValue(seats),
            parseResult.GetValue(seed),
            parseResult.GetValue(format)!,
            parseResult.GetValue(outputDir)));
        return command;
    }

    private static int Run(CliContext context, string[] files, string methodName, int? seats, int seed, string formatName, string? outputDir)
    {
        ICountingMethod method;
        try
        {
            method = CountingMethods.Get(methodName);
        }
        catch (CountingException ex)
        {
            throw new CliException(ex.Message);
        }

        var format = formatName switch
        {
            "text" => ReportFormat.Text,
            "json" => ReportFormat.Json,
            "csv" => ReportFormat.Csv,
            _ => throw new CliException($"unknown format '{formatName}'; expected text, json or csv."),
        };
        if (seats is < 1)
        {
            throw new CliException($"--seats must be at least 1, not {seats}.");
        }

        if (outputDir is null && format == ReportFormat.Csv && files.Length > 1)
        {
            throw new CliException("several files in CSV need --output-dir (one CSV report per file).");
        }

        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        if (outputDir is not null)
        {
            foreach (var file in files)
            {
                var target = Path.Combine(outputDir, Path.GetFileNameWithoutExtension(file) + "." + ReportWriter.Extension(format));
                if (targets.Values.Contains(target, StringComparer.Ordinal))
                {
                    throw new CliException($"two inputs would both write {target}; count them into separate folders.");
                }

                targets[file] = target;
            }

            try
            {
                Directory.CreateDirectory(outputDir);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"{outputDir}: cannot create the output folder ({ex.Message}).");
            }
        }

        var options = new CountOptions { Seats = seats, Seed = seed };
        var jsonArray = outputDir is null && format == ReportFormat.Json && files.Length > 1;
        if (jsonArray)
        {
            context.Output.Write("[\n");
        }

        for (var i = 0; i < files.Length; i++)
        {
            var file = files[i];
            var report = CountFile(file, method, options);
            if (outputDir is not null)
            {
                try
                {
                    using var writer = new StreamWriter(targets[file], append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
                    ReportWriter.Write(report, format, writer);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new CliException($"{targets[file]}: cannot write the report ({ex.Message}).");
                }

                continue;
            }

            if (i > 0)
            {
                context.Output.Write(jsonArray ? ",\n" : "\n");
            }

            if (jsonArray)
            {
                using var buffer = new StringWriter(CultureInfo.InvariantCulture);
                ReportWriter.Write(report, format, buffer);
                context.Output.Write(buffer.ToString().TrimEnd('\n'));
            }
            else
            {
                ReportWriter.Write(report, format, context.Output);
            }
        }

        if (jsonArray)
        {
            context.Output.Write("\n]\n");
        }

        if (outputDir is not null)
        {
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"answerback count: {files.Length} report{(files.Length == 1 ? string.Empty : "s")} written to {outputDir}"));
        }

        return 0;
    }

    private static CountReport CountFile(string file, ICountingMethod method, CountOptions options)
    {
        Election election;
        try
        {
            election = BallotFiles.Read(file, options.Seats ?? 1);
        }
        catch (InputFormatException ex)
        {
            throw new CliException(ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{file}: cannot read the file ({ex.Message}).");
        }

        try
        {
            return method.Count(election, options);
        }
        catch (CountingException ex)
        {
            throw new CliException($"{file}: {ex.Message}");
        }
    }
}
