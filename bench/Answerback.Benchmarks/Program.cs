using System.Reflection;
using Answerback.Benchmarks;
using BenchmarkDotNet.Running;

// Two kinds of measurement live here:
//   dotnet run -c Release --project bench/Answerback.Benchmarks -- --filter '*Counting*'
//     BenchmarkDotNet micro and macro benchmarks (classes with [Benchmark] methods);
//   dotnet run -c Release --project bench/Answerback.Benchmarks -- scenario NAME [args]
//     end-to-end scenarios too large for BenchmarkDotNet's repetitions (10 million ballots, posts...),
//     timed once with wall clock and peak working set. See docs/performance.md.
if (args.Length > 0 && args[0] == "scenario")
{
    var scenarios = Assembly.GetExecutingAssembly().GetTypes()
        .Where(t => typeof(IScenario).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
        .Select(t => (IScenario)Activator.CreateInstance(t)!)
        .ToDictionary(s => s.Name, StringComparer.Ordinal);
    if (args.Length < 2 || !scenarios.TryGetValue(args[1], out var scenario))
    {
        Console.Error.WriteLine("scenarios: " + string.Join(", ", scenarios.Keys.Order(StringComparer.Ordinal)));
        return 2;
    }

    return scenario.Run(args[2..]);
}

BenchmarkSwitcher.FromAssembly(typeof(IScenario).Assembly).Run(args);
return 0;
