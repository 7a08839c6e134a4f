using System.Diagnostics;
using System.Globalization;
using Answerback.OpinionMap;
using Answerback.OpinionMap.Polis;

namespace Answerback.Benchmarks.OpinionMap;

/// <summary>
/// Reading a Pol.is export: <c>scenario polis-read [participants statements votesPerParticipant]</c> writes a
/// synthetic conversation (default 20,000 × 5,000 with 100 votes each, 2 million votes) as the three export
/// files into a temporary folder (not timed), then reads the folder three times with
/// <see cref="PolisExport.ReadDirectory"/> (<c>comments.csv</c>, <c>votes.csv</c>, then <c>participants-votes.csv</c>).
/// </summary>
public sealed class PolisReadScenario : IScenario
{
    public string Name => "polis-read";

    public int Run(string[] args)
    {
        var (n, m, v, groups) = OpinionScenarioRunner.Parse(args, 20_000, 5_000, 100);
        var folder = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"answerback-polis-{n}x{m}x{v}"));
        if (!File.Exists(Path.Combine(folder, "participants-votes.csv")))
        {
            var conversation = SyntheticConversation.Generate(n, m, groups, 0, seed: 1, votesPerParticipant: v);
            PolisExport.WriteDirectory(conversation.Matrix, null, folder);
        }

        var bytes = Directory.GetFiles(folder, "*.csv").Sum(f => new FileInfo(f).Length);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"export in {folder}: {bytes / 1e6:F0} MB"));
        for (var run = 1; run <= 3; run++)
        {
            var clock = Stopwatch.StartNew();
            var read = PolisExport.ReadDirectory(folder);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"read {run}: {clock.Elapsed.TotalMilliseconds:F0} ms, {read.Matrix.ParticipantCount:N0} participants, {read.Matrix.StatementCount:N0} statements, {read.Matrix.VoteCount:N0} votes"));
        }

        OpinionScenarioRunner.PrintMemory();
        return 0;
    }
}
