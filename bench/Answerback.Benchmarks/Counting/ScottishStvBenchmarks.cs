using Answerback.Counting;
using Answerback.Counting.Formats;
using BenchmarkDotNet.Attributes;

namespace Answerback.Benchmarks.Counting;

/// <summary>
/// The 1,100 Scottish council elections (about 5.6 million ballots) counted by Scottish STV, single-threaded:
/// counting already-read elections, and reading the BLT files plus counting.
/// Run: dotnet run -c Release --project bench/Answerback.Benchmarks -- --filter '*ScottishStvBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class ScottishStvBenchmarks
{
    private readonly ScottishStv _method = new();
    private Election[] _elections = [];
    private string[] _files = [];

    [GlobalSetup]
    public void Setup()
    {
        _files = CountingData.BltFiles();
        _elections = CountingData.LoadAll();
    }

    [Benchmark(Description = "count 1,100 elections (read beforehand)")]
    public int CountAll()
    {
        var elected = 0;
        foreach (var election in _elections)
        {
            elected += _method.Count(election, new CountOptions()).Elected.Count;
        }

        return elected;
    }

    [Benchmark(Description = "read 1,100 BLT files and count")]
    public int ReadAndCountAll()
    {
        var elected = 0;
        foreach (var file in _files)
        {
            elected += _method.Count(BltFormat.Read(file), new CountOptions()).Elected.Count;
        }

        return elected;
    }
}
