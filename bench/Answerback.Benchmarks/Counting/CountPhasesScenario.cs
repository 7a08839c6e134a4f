using System.Diagnostics;
using System.Globalization;
using Answerback.Counting;
using Answerback.Counting.Formats;
using Answerback.Counting.Reports;

namespace Answerback.Benchmarks.Counting;

/// <summary>
/// <c>scenario count-phases [OUTPUT-DIR]</c>: what `answerback count` does per file for the 351 ordinary 2017
/// ward files (see bench/count-e2e/run.sh), one thread, each phase timed on its own over all the files: open and
/// parse the BLT files, count them by Scottish STV, render the JSON reports, write them to files. Two passes: the first includes
/// the JIT compiling each phase's code, the second is steady state. The start-up of the process is measured
/// by run.sh (`--help`), not here.
/// </summary>
public sealed class CountPhasesScenario : IScenario
{
    public string Name => "count-phases";

    public int Run(string[] args)
    {
        var files = Directory.GetFiles(CountingData.BltFolder(), "*_2017_ward*.blt", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        var output = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "answerback-count-phases");
        Directory.CreateDirectory(output);
        var method = new ScottishStv();
        var options = new CountOptions();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{files.Length} files, one thread; each phase over all files: wall ms / CPU ms (CPU µs a file)"));
        for (var pass = 1; pass <= 2; pass++)
        {
            // Phase by phase over all files, so that the process's CPU time can be read around each phase: on a
            // shared machine, CPU time is the figure other processes disturb least.
            var (elections, read) = Timed(() => files.Select(f => BallotFiles.Read(f)).ToArray());
            var (reports, count) = Timed(() => elections.Select(e => method.Count(e, options)).ToArray());
            var (bytes, render) = Timed(() => reports.Select(r => ReportWriter.ToUtf8(r, ReportFormat.Json)).ToArray());
            var (_, write) = Timed(() =>
            {
                for (var i = 0; i < files.Length; i++)
                {
                    using var handle = File.OpenHandle(Path.Combine(output, Path.GetFileNameWithoutExtension(files[i]) + ".json"), FileMode.Create, FileAccess.Write);
                    RandomAccess.Write(handle, bytes[i], 0);
                }

                return 0;
            });
            string Phase((TimeSpan Wall, TimeSpan Cpu) t) =>
                string.Create(CultureInfo.InvariantCulture, $"{t.Wall.TotalMilliseconds:F0} / {t.Cpu.TotalMilliseconds:F0} ({t.Cpu.TotalMicroseconds / files.Length:F0})");
            Console.WriteLine($"pass {pass}{(pass == 1 ? " (with JIT)" : string.Empty)}: read+parse {Phase(read)}, count {Phase(count)}, render JSON {Phase(render)}, write files {Phase(write)}");
        }

        return 0;
    }

    private static (T Result, (TimeSpan Wall, TimeSpan Cpu) Time) Timed<T>(Func<T> phase)
    {
        var cpu = StvBltAllScenario.Cpu();
        var clock = Stopwatch.StartNew();
        var result = phase();
        return (result, (clock.Elapsed, StvBltAllScenario.Cpu() - cpu));
    }
}
