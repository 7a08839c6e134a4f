using BenchmarkDotNet.Attributes;
using Answerback.OpinionMap;

namespace Answerback.Benchmarks.OpinionMap;

/// <summary>
/// Repeated measurements of the opinion-map steps on a mid-sized synthetic conversation
/// (2,000 participants × 500 statements, 60 votes each):
/// <c>dotnet run -c Release --project bench/Answerback.Benchmarks -- --filter '*OpinionMapBenchmarks*'</c>.
/// The national-scale runs are the <c>opinion-*</c> scenarios.
/// </summary>
[MemoryDiagnoser]
public class OpinionMapBenchmarks
{
    private VoteMatrix _matrix = null!;
    private Answerback.OpinionMap.OpinionMap _map = null!;
    private VoteRecord[] _batch = [];

    [GlobalSetup]
    public void Setup()
    {
        _matrix = SyntheticConversation.Generate(2_000, 500, 3, 0, seed: 1, votesPerParticipant: 60).Matrix;
        _map = OpinionMapper.Analyze(_matrix);
        var random = new Random(2);
        _batch = [.. Enumerable.Range(0, 100).Select(i => new VoteRecord(
            "p" + random.Next(2_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
            random.Next(500).ToString(System.Globalization.CultureInfo.InvariantCulture),
            (sbyte)random.Next(-1, 2),
            1_000_000 + i))];
    }

    [Benchmark(Baseline = true)]
    public Answerback.OpinionMap.OpinionMap Analyze() => OpinionMapper.Analyze(_matrix);

    [Benchmark]
    public Answerback.OpinionMap.OpinionMap AnalyzeWithoutBridging() => OpinionMapper.Analyze(_matrix, new OpinionMapOptions { ComputeBridging = false });

    [Benchmark]
    public Answerback.OpinionMap.OpinionMap UpdateAfter100Votes() => OpinionMapper.Update(_map, _matrix.WithVotes(_batch));
}
