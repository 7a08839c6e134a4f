using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Answerback.Fuzz;

// answerback-fuzz [--formats a,b] [--inputs N] [--seed S] [--root DIR] [--out DIR]
// answerback-fuzz --replay FORMAT FILE     runs one input and prints its outcome
// answerback-fuzz --list                   lists the formats
var options = Options.Parse(args);
var paths = new Paths(options.Root);
var formats = Formats.All(paths).Concat(CsvFormats.All(paths)).ToList();
if (options.Formats is null || options.Formats.Overlaps(PlatformFormats.Names))
{
    formats.AddRange(PlatformFormats.All(paths)); // migrates three SQLite databases: only when asked for
}

if (options.List)
{
    foreach (var f in formats)
    {
        Console.WriteLine($"{f.Name} ({f.Engine}): {f.Seeds.Count} seeds");
    }

    return 0;
}

if (options.Replay is { } replay)
{
    var format = formats.Single(f => f.Name == replay.Format);
    var outcome = new Runner().Run(format, File.ReadAllBytes(replay.File));
    Console.WriteLine($"{outcome.Kind} {outcome.Signature} in {outcome.Elapsed.TotalMilliseconds:0.0} ms, {outcome.Allocated >> 10} KB allocated");
    Console.WriteLine(outcome.Detail);
    return outcome.IsFinding ? 1 : 0;
}

var selected = options.Formats is null ? formats : formats.Where(f => options.Formats.Contains(f.Name)).ToList();
var report = new StringBuilder();
report.AppendLine(CultureInfo.InvariantCulture, $"inputs per format: {options.Inputs}, seed {options.Seed}, time limit {Runner.TimeLimit.TotalSeconds} s, memory bound 64 MB + 50 x input size");
report.AppendLine("| format | seeds | inputs | read | documented error | findings | slowest ms | most allocated MB | peak working set MB | wall s |");
report.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
var totalFindings = 0;
foreach (var format in selected)
{
    var campaign = new Campaign(format, options);
    campaign.Run();
    totalFindings += campaign.Findings.Count;
    report.AppendLine(CultureInfo.InvariantCulture,
        $"| {format.Name} | {format.Seeds.Count} | {campaign.Inputs} | {campaign.Counts[OutcomeKind.Success]} | {campaign.Counts[OutcomeKind.DocumentedError]} | {campaign.Findings.Count} | {campaign.Slowest.TotalMilliseconds:0} | {campaign.MostAllocated / 1048576.0:0.0} | {campaign.PeakWorkingSet >> 20} | {campaign.Wall.TotalSeconds:0} |");
    foreach (var (signature, finding) in campaign.Findings)
    {
        report.AppendLine(CultureInfo.InvariantCulture, $"  - {format.Name}: {signature} ({finding.Hits} inputs), minimal input {finding.File} ({finding.Input.Length} bytes)");
    }
}

report.AppendLine(CultureInfo.InvariantCulture, $"inputs past {Runner.TimeLimit.TotalSeconds} s on the clock but not in CPU time (the machine was busy): {Runner.LateUnderLoad}");
Console.WriteLine(report);
Directory.CreateDirectory(options.Out);
File.AppendAllText(Path.Combine(options.Out, "report.md"), report.ToString());
return totalFindings == 0 ? 0 : 1;

internal sealed record Options(string Root, string Out, int Inputs, int Seed, HashSet<string>? Formats, bool List, (string Format, string File)? Replay)
{
    public static Options Parse(string[] args)
    {
        var root = FindRoot();
        string? output = null;
        var inputs = 100_000;
        var seed = 1;
        HashSet<string>? formats = null;
        var list = false;
        (string, string)? replay = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--formats": formats = [.. args[++i].Split(',')]; break;
                case "--inputs": inputs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--root": root = args[++i]; break;
                case "--out": output = args[++i]; break;
                case "--list": list = true; break;
                case "--replay": replay = (args[i + 1], args[i + 2]); i += 2; break;
                default: throw new ArgumentException($"unknown option {args[i]}; see the comment at the top of Program.cs");
            }
        }

        return new Options(root, output ?? Path.Combine(root, "fuzz", "out"), inputs, seed, formats, list, replay);
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Answerback.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}

/// <summary>A finding: the first input that showed it, shrunk, and how many inputs hit it.</summary>
internal sealed class Finding(byte[] input, Outcome outcome)
{
    public byte[] Input { get; set; } = input;

    public Outcome Outcome { get; } = outcome;

    public int Hits { get; set; } = 1;

    public string File { get; set; } = "";
}

/// <summary>Mutates the format's seeds <see cref="Options.Inputs"/> times and keeps one input per finding.</summary>
internal sealed class Campaign(FuzzFormat format, Options options)
{
    private readonly Runner _runner = new();
    private readonly Random _random = new(options.Seed);
    private readonly List<byte[]> _pool = [];

    public int Inputs { get; private set; }

    public Dictionary<OutcomeKind, int> Counts { get; } = Enum.GetValues<OutcomeKind>().ToDictionary(k => k, _ => 0);

    public Dictionary<string, Finding> Findings { get; } = new(StringComparer.Ordinal);

    public TimeSpan Slowest { get; private set; }

    public long MostAllocated { get; private set; }

    public long PeakWorkingSet { get; private set; }

    public TimeSpan Wall { get; private set; }

    public void Run()
    {
        var folder = Path.Combine(options.Out, format.Name);
        Directory.CreateDirectory(folder);
        // Each batch is written first, so a crash that kills the process (a stack overflow) leaves it behind.
        var current = Path.Combine(folder, "current-batch.bin");
        if (File.Exists(current))
        {
            Console.WriteLine($"{format.Name}: {current} is left from a run that died on one of its inputs (each an int32 length, then the bytes)");
        }

        var mutator = new Mutator(_random);
        var clock = Stopwatch.StartNew();
        foreach (var seed in format.Seeds)
        {
            var outcome = _runner.Run(format, seed);
            if (outcome.Kind != OutcomeKind.Success)
            {
                Console.WriteLine($"{format.Name}: a seed does not read: {outcome.Kind} {outcome.Detail}");
            }
        }

        const int batchSize = 256;
        for (var done = 0; done < options.Inputs;)
        {
            if (_runner.Abandoned > 8)
            {
                Console.WriteLine($"{format.Name}: stopped after {done} inputs: {_runner.Abandoned} readers never finished");
                break;
            }

            var batch = new List<byte[]>(batchSize);
            for (var b = 0; b < batchSize && done + b < options.Inputs; b++)
            {
                var parent = _pool.Count > 0 && _random.Next(3) == 0 ? _pool[_random.Next(_pool.Count)] : format.Seeds[_random.Next(format.Seeds.Count)];
                var other = format.Seeds[_random.Next(format.Seeds.Count)];
                batch.Add(format.Mutate is { } mutate ? mutate(parent, other, mutator, _random) : mutator.Mutate(parent, other));
            }

            var results = _runner.Run(format, batch, current);
            for (var b = 0; b < batch.Count; b++)
            {
                Count(batch[b], results[b], folder);
            }

            var before = done;
            done += batch.Count;
            using (var process = Process.GetCurrentProcess())
            {
                PeakWorkingSet = Math.Max(PeakWorkingSet, process.PeakWorkingSet64);
            }

            if (done / 10_000 != before / 10_000)
            {
                Console.WriteLine($"{format.Name}: {done} inputs, {Counts[OutcomeKind.Success]} read, {Counts[OutcomeKind.DocumentedError]} refused, {Findings.Count} findings, {clock.Elapsed.TotalSeconds:0} s");
            }
        }

        File.Delete(current);
        foreach (var (signature, finding) in Findings)
        {
            if (finding.Outcome.Kind == OutcomeKind.Crash)
            {
                finding.Input = Shrink(finding.Input, signature);
            }

            var name = $"{Hash(signature)}";
            finding.File = Path.Combine(folder, name + ".bin");
            File.WriteAllBytes(finding.File, finding.Input);
            File.WriteAllText(Path.Combine(folder, name + ".txt"), $"{signature}\n{finding.Outcome.Detail}\n");
        }

        Wall = clock.Elapsed;
    }

    private void Count(byte[] input, Outcome result, string folder)
    {
        Inputs++;
        Counts[result.Kind]++;
        if (result.Elapsed != TimeSpan.MaxValue && result.Elapsed > Slowest)
        {
            Slowest = result.Elapsed;
        }

        MostAllocated = Math.Max(MostAllocated, result.Allocated);
        if (result.Kind == OutcomeKind.Success && input.Length < 256 * 1024)
        {
            // Mutants that still read are mutated further, to get past the first checks.
            if (_pool.Count < 512)
            {
                _pool.Add(input);
            }
            else
            {
                _pool[_random.Next(_pool.Count)] = input;
            }
        }

        if (result.IsFinding)
        {
            Record(input, result, folder);
        }
    }

    private void Record(byte[] input, Outcome result, string folder)
    {
        if (Findings.TryGetValue(result.Signature, out var known))
        {
            known.Hits++;
            if (input.Length < known.Input.Length)
            {
                known.Input = input;
            }

            return;
        }

        Console.WriteLine($"{format.Name}: finding {result.Signature}: {result.Detail.Split('\n')[0]}");
        Findings[result.Signature] = new Finding(input, result);
        File.WriteAllBytes(Path.Combine(folder, Hash(result.Signature) + ".first.bin"), input);
    }

    /// <summary>Greedy delta debugging: removes chunks, halving their size, while the same finding remains.</summary>
    private byte[] Shrink(byte[] input, string signature)
    {
        var best = input;
        var trials = 0;
        for (var chunk = Math.Max(1, best.Length / 2); chunk >= 1 && trials < 4000; chunk /= 2)
        {
            for (var at = 0; at < best.Length && trials < 4000;)
            {
                var candidate = best[..at].Concat(best[Math.Min(best.Length, at + chunk)..]).ToArray();
                trials++;
                if (_runner.Run(format, candidate).Signature == signature)
                {
                    best = candidate;
                }
                else
                {
                    at += chunk;
                }
            }
        }

        return best;
    }

    private static string Hash(string signature) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(signature)))[..12];
}
