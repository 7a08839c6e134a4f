using System.Diagnostics;
using System.Globalization;
using Answerback.SocialAudit;

namespace Answerback.Benchmarks.SocialAudit;

/// <summary>
/// End-to-end coordination runs on synthetic posts (organic random-word posts over 30 days with planted exact and
/// edited copies, coordinated reposts and links): generation is not timed; the detection is, once, with the peak
/// working set of the process. Arguments: [posts, default 10,000,000] [window seconds].
/// </summary>
public abstract class CoordinationScenario : IScenario
{
    public abstract string Name { get; }

    protected abstract CoordinationOptions Options(double windowSeconds);

    protected abstract double DefaultWindow { get; }

    public int Run(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000_000;
        var window = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : DefaultWindow;
        var clock = Stopwatch.StartNew();
        var groups = Math.Max(10, count / 1000);
        var data = SyntheticPosts.Generate(new SyntheticOptions
        {
            Seed = 2026,
            Accounts = Math.Max(1000, count / 100),
            OrganicPosts = count - (groups * 4 * 8) - (groups * 8),
            GroupsPerKind = groups,
            LookAlikes = groups,
            GroupSize = 8,
            // Planted groups post within the window, so every planted pair is a match the detector must find.
            GroupSpread = TimeSpan.FromSeconds(Math.Min(window, 300)),
            Span = TimeSpan.FromDays(30),
        });
        Console.WriteLine($"{Name}: generated {data.Posts.Count:N0} posts in {clock.Elapsed.TotalSeconds:F1} s");
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var self = Process.GetCurrentProcess();
        var options = Options(window) with
        {
            Progress = line =>
            {
                self.Refresh();
                Console.Error.WriteLine($"  [{clock.Elapsed.TotalSeconds,6:F1} s wall, {self.TotalProcessorTime.TotalSeconds,6:F1} s process CPU] {line}");
            },
        };
        var process = Process.GetCurrentProcess();
        var before = process.WorkingSet64;
        var liveHeap = GC.GetTotalMemory(forceFullCollection: true);
        // The process peak would include generating the posts: sample the working set during detection instead.
        var peakDuring = before;
        using var sampler = new Timer(_ =>
        {
            using var p = Process.GetCurrentProcess();
            var ws = p.WorkingSet64;
            if (ws > Interlocked.Read(ref peakDuring))
            {
                Interlocked.Exchange(ref peakDuring, ws);
            }
        }, null, 0, 50);
        var cpuBefore = process.TotalProcessorTime;
        clock.Restart();
        var edges = CoordinationDetector.Detect(data.Posts, options);
        var elapsed = clock.Elapsed;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        sampler.Change(Timeout.Infinite, Timeout.Infinite);
        const double GiB = 1024.0 * 1024 * 1024;
        var kind = options.Type switch
        {
            CoordinationType.CoSimilar => PlantKind.EditedCopies,
            CoordinationType.CoText => PlantKind.ExactCopies,
            _ => PlantKind.Reposts,
        };
        var found = edges.Select(e => (e.Source, e.Target)).ToHashSet();
        var plantedPairs = data.Planted.Where(p => p.Kind == kind)
            .SelectMany(p => p.Accounts.SelectMany(a => p.Accounts.Where(b => b != a).Select(b => (a, b)))).Distinct().ToList();
        var recovered = plantedPairs.Count(found.Contains);
        Console.WriteLine($"{Name}: {data.Posts.Count:N0} posts, window {window} s: {edges.Count:N0} edges in {elapsed.TotalSeconds:F2} s wall, {cpu.TotalSeconds:F2} s CPU; " +
            $"planted {kind} account pairs recovered {recovered:N0}/{plantedPairs.Count:N0}; working set {before / GiB:F2} GiB with the posts loaded (live managed heap {liveHeap / GiB:F2} GiB), peak {Interlocked.Read(ref peakDuring) / GiB:F2} GiB during detection (sampled every 50 ms)");
        return 0;
    }
}

/// <summary><c>scenario social-audit-cotext [posts] [window]</c>: co-text, 60 s window.</summary>
public sealed class CoTextScenario : CoordinationScenario
{
    public override string Name => "social-audit-cotext";

    protected override double DefaultWindow => 60;

    protected override CoordinationOptions Options(double windowSeconds) =>
        new() { Type = CoordinationType.CoText, Window = TimeSpan.FromSeconds(windowSeconds) };
}

/// <summary><c>scenario social-audit-cosimilar [posts] [window]</c>: co-similar, Jaccard ≥ 0.8, 1 hour window, MinHash/LSH.</summary>
public sealed class CoSimilarScenario : CoordinationScenario
{
    public override string Name => "social-audit-cosimilar";

    protected override double DefaultWindow => 3600;

    protected override CoordinationOptions Options(double windowSeconds) =>
        new() { Type = CoordinationType.CoSimilar, Window = TimeSpan.FromSeconds(windowSeconds), Threshold = 0.8, MinTokens = 5 };
}

/// <summary><c>scenario social-audit-corepost [posts] [window]</c>: co-repost, 60 s window.</summary>
public sealed class CoRepostScenario : CoordinationScenario
{
    public override string Name => "social-audit-corepost";

    protected override double DefaultWindow => 60;

    protected override CoordinationOptions Options(double windowSeconds) =>
        new() { Type = CoordinationType.CoRepost, Window = TimeSpan.FromSeconds(windowSeconds) };
}

/// <summary>
/// <c>scenario social-audit-dense [accounts] [waves per account] [csv file]</c>: the dense shape of issue 14 (2,000
/// accounts, each in about 80 waves of 3–30 accounts, 200,000 posts) with the four keyed networks built in one
/// call, 60 s window. With a file name it also writes the posts as QUT CSV there, for
/// <c>compare-qut.sh</c> (the CLI and the QUT toolkit end to end on the same file).
/// </summary>
public sealed class DenseCoordinationScenario : IScenario
{
    public string Name => "social-audit-dense";

    public int Run(string[] args)
    {
        var accounts = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2_000;
        var waves = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 80;
        var clock = Stopwatch.StartNew();
        var posts = SyntheticWaves.Generate(new WaveOptions { Seed = 2026, Accounts = accounts, WavesPerAccount = waves });
        Console.WriteLine($"{Name}: generated {posts.Count:N0} posts by {accounts:N0} accounts in {clock.Elapsed.TotalSeconds:F1} s");
        if (args.Length > 2)
        {
            using var writer = new StreamWriter(args[2], false, new System.Text.UTF8Encoding(false), 1 << 16);
            QutCsvFormat.Write(posts, writer);
            Console.WriteLine($"{Name}: wrote {args[2]}");
        }

        CoordinationType[] types = [CoordinationType.CoText, CoordinationType.CoRepost, CoordinationType.CoLink, CoordinationType.CoReply];
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        clock.Restart();
        var networks = CoordinationDetector.Detect(posts, types, new CoordinationOptions { Window = TimeSpan.FromSeconds(60) });
        var elapsed = clock.Elapsed;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var total = networks.Values.Sum(e => e.Count);
        var outDegree = networks.Values.SelectMany(e => e).Select(e => (e.Source, e.Target)).Distinct().Count() / (double)accounts;
        Console.WriteLine($"{Name}: {posts.Count:N0} posts: {total:N0} edges ({string.Join(", ", types.Select(t => $"{CoordinationDetector.TypeName(t)} {networks[t].Count:N0}"))}); " +
            $"mean out-degree {outDegree:F0} over the union; four networks in {elapsed.TotalSeconds:F2} s wall, {cpu.TotalSeconds:F2} s CPU");
        return 0;
    }
}
