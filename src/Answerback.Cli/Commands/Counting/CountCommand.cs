using Answerback.Formats;
using System.CommandLine;
using System.Globalization;
using System.Runtime.ExceptionServices;
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

        var targets = new string[files.Length];
        if (outputDir is not null)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < files.Length; i++)
            {
                targets[i] = Path.Combine(outputDir, Path.GetFileNameWithoutExtension(files[i]) + "." + ReportWriter.Extension(format));
                if (!seen.Add(targets[i]))
                {
                    throw new CliException($"two inputs would both write {targets[i]}; count them into separate folders.");
                }
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
        // A large file is read on every core already (the CSV reader splits it), and several at once would
        // multiply the memory a count needs (about 430 MB for 10 million cast-vote records): those go one at a time.
        var cores = files.Any(IsLarge) ? 1 : Environment.ProcessorCount;
        if (outputDir is not null)
        {
            var reports = InParallel(files.Length, cores, i => ReportWriter.ToUtf8(CountFile(files[i], method, options), format));
            InParallel(files.Length, cores, i => WriteReport(targets[i], reports[i]));
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"answerback count: {files.Length} report{(files.Length == 1 ? string.Empty : "s")} written to {outputDir}"));
            return 0;
        }

        var jsonArray = format == ReportFormat.Json && files.Length > 1;
        var texts = InParallel(files.Length, cores, i =>
        {
            using var buffer = new StringWriter(CultureInfo.InvariantCulture);
            ReportWriter.Write(CountFile(files[i], method, options), format, buffer);
            return jsonArray ? buffer.ToString().TrimEnd('\n') : buffer.ToString();
        });
        if (jsonArray)
        {
            context.Output.Write("[\n");
        }

        for (var i = 0; i < texts.Length; i++)
        {
            if (i > 0)
            {
                context.Output.Write(jsonArray ? ",\n" : "\n");
            }

            context.Output.Write(texts[i]);
        }

        if (jsonArray)
        {
            context.Output.Write("\n]\n");
        }

        return 0;
    }

    /// <summary>
    /// Runs <paramref name="work"/> for 0 to <paramref name="count"/> − 1 on up to <paramref name="cores"/> threads and returns the results in
    /// index order, so the output is the same bytes whatever order the files finish in. The first failure in
    /// index order is thrown once all have run, so the error names the same file as a one-at-a-time run; the
    /// callers count every file before writing any, so a bad file leaves no partial set of reports.
    /// </summary>
    private static T[] InParallel<T>(int count, int cores, Func<int, T> work)
    {
        var results = new T[count];
        var failures = new ExceptionDispatchInfo?[count];
        void Body(int i, ParallelLoopState? loop)
        {
            try
            {
                results[i] = work(i);
            }
            catch (Exception ex)
            {
                failures[i] = ExceptionDispatchInfo.Capture(ex);
                // Break, not Stop: every index below this one still runs, so the first failure is found.
                loop?.Break();
            }
        }

        if (count == 1 || cores == 1)
        {
            // No thread pool to start for one file, and in order, stopping at the first failure, for one core.
            for (var i = 0; i < count; i++)
            {
                Body(i, null);
                if (failures[i] is not null)
                {
                    break;
                }
            }
        }
        else
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = cores }, Body);
        }

        Array.Find(failures, f => f is not null)?.Throw();
        return results;
    }

    private const long LargeFile = 32 << 20;

    private static bool IsLarge(string file)
    {
        try
        {
            return new FileInfo(file).Length >= LargeFile;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false; // reported, with the file's name, when it is read
        }
    }

    /// <summary>One open, one write, one close: the report is already in memory, so no stream or encoder is needed.</summary>
    private static bool WriteReport(string target, byte[] report)
    {
        try
        {
            using var handle = File.OpenHandle(target, FileMode.Create, FileAccess.Write);
            RandomAccess.Write(handle, report, fileOffset: 0);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{target}: cannot write the report ({ex.Message}).");
        }
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
