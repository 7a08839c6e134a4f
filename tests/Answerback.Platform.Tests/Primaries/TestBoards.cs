using System.Globalization;
using Answerback.Platform.Primaries;
using FsCheck;
using FsCheck.Fluent;

namespace Answerback.Platform.Tests.Primaries;

/// <summary>Boards for the tests: the worked example of docs/primaries.md, and random closed boards for FsCheck.</summary>
internal static class TestBoards
{
    public static readonly string[] Methods = ["plurality", "approval", "av", "scottish-stv", "meek-stv", "schulze", "ranked-pairs"];

    /// <summary>The worked example: three ballots, AV, every salt and tracking code fixed.</summary>
    public static BoardDocument WorkedExample(bool closed = true)
    {
        (string Code, string Salt, string Ballot)[] cast =
        [
            ("K7M2Q9XW4D", "00112233445566778899aabbccddeeff", "2 1 3"),
            ("P3RT8VZ6HN", "0f1e2d3c4b5a69788796a5b4c3d2e1f0", "1"),
            ("W5YB2CJ9FG", "8899aabbccddeeff0011223344556677", "2 3"),
        ];
        var board = Build("example-primary", "Example ward candidate", "av", 1, ["Ann Smith", "Bob Jones", "Cy Patel"], cast, checkpointsAt: [1, 2], closed);
        return closed ? BoardCount.Publish(board, seed: 1) : board;
    }

    /// <summary>A board from ballots cast in order, with checkpoints after the given entry counts.</summary>
    public static BoardDocument Build(string primaryId, string title, string method, int seats, string[] candidates, IEnumerable<(string Code, string Salt, string Ballot)> cast, IEnumerable<int> checkpointsAt, bool closed)
    {
        var chain = BoardChain.Start(primaryId);
        var entries = new List<BoardEntry>();
        var checkpoints = new List<BoardCheckpoint>();
        var at = checkpointsAt.ToHashSet();
        var time = new DateTimeOffset(2026, 5, 7, 7, 0, 0, TimeSpan.Zero);
        foreach (var (code, salt, ballot) in cast)
        {
            var entry = chain.Append(code, BoardHashes.Commitment(salt, ballot));
            entries.Add(closed ? entry with { Ballot = ballot, Salt = salt } : entry);
            if (at.Contains(chain.Count))
            {
                checkpoints.Add(chain.Checkpoint(time.AddMinutes(10 * checkpoints.Count)));
            }
        }

        return new BoardDocument
        {
            PrimaryId = primaryId,
            Title = title,
            Method = method,
            Seats = seats,
            Candidates = candidates,
            Closed = closed,
            Entries = entries,
            Head = chain.Checkpoint(),
            Checkpoints = checkpoints,
        };
    }

    /// <summary>Random valid ballots for a method (1-based choices), drawn from a seeded generator.</summary>
    public static BoardBallot RandomBallot(Random random, string method, int candidates)
    {
        var kind = BoardBallot.KindFor(method);
        var order = Enumerable.Range(1, candidates).ToArray();
        random.Shuffle(order);
        var length = kind == BallotKind.Plurality ? 1 : random.Next(1, candidates + 1);
        return BoardBallot.Create(kind, order.Take(length), candidates, out var problem) ?? throw new InvalidOperationException(problem);
    }

    /// <summary>A random closed and counted board: any method, 2 to 6 candidates, 1 to 40 ballots, some checkpoints.</summary>
    public static Gen<BoardDocument> Closed() =>
        from method in Gen.Elements(Methods)
        from candidates in Gen.Choose(2, 6)
        from ballots in Gen.Choose(1, 40)
        from seed in Gen.Choose(0, int.MaxValue)
        select RandomClosed(method, candidates, ballots, seed);

    public static BoardDocument RandomClosed(string method, int candidates, int ballots, int seed)
    {
        var random = new Random(seed);
        var singleWinner = method is "av" or "schulze" or "ranked-pairs";
        var seats = singleWinner ? 1 : random.Next(1, candidates);
        var names = Enumerable.Range(1, candidates).Select(i => "Candidate " + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var cast = new List<(string, string, string)>();
        while (cast.Count < ballots)
        {
            var code = new string(Enumerable.Range(0, TrackingCodes.Length).Select(_ => TrackingCodes.Alphabet[random.Next(32)]).ToArray());
            if (codes.Add(code))
            {
                cast.Add((code, Convert.ToHexStringLower(RandomBytes(random, 16)), RandomBallot(random, method, candidates).Text));
            }
        }

        var checkpoints = Enumerable.Range(1, ballots).Where(_ => random.Next(4) == 0);
        var board = Build("primary-" + seed.ToString(CultureInfo.InvariantCulture), "Random primary", method, seats, names, cast, checkpoints, closed: true);
        return BoardCount.Publish(board, seed % 1000);
    }

    private static byte[] RandomBytes(Random random, int n)
    {
        var bytes = new byte[n];
        random.NextBytes(bytes);
        return bytes;
    }
}
