using System.Globalization;
using System.Text.Json.Nodes;
using Answerback.Platform.Primaries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Answerback.Platform.Tests.Primaries;

public class VerifyBoardTests
{
    [Fact]
    public void Run_WorkedExample_EveryStepPasses()
    {
        var verification = VerifyBoard.Run(TestBoards.WorkedExample());

        Assert.True(verification.Succeeded, verification.FirstFailure?.Detail);
        Assert.Equal([1, 2, 3, 4], verification.Steps.Select(s => s.Number));
        Assert.All(verification.Steps, s => Assert.Equal(StepOutcome.Passed, s.Outcome));
        Assert.Contains("elected: Bob Jones", verification.Steps[2].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_BoardWrittenByAnIndependentPythonImplementation_Verifies()
    {
        var board = BoardDocument.Read(Path.Combine(TestEnvironment.TestData, "Primaries", "python-generated.board.json"));

        var verification = VerifyBoard.Run(board);

        Assert.Equal(12, board.Entries.Count);
        Assert.Equal([StepOutcome.Passed, StepOutcome.Passed, StepOutcome.Skipped, StepOutcome.Passed], verification.Steps.Select(s => s.Outcome));
    }

    [Fact]
    public void Run_OpenBoard_ChecksChainAndCheckpointsAndSkipsBallots()
    {
        var verification = VerifyBoard.Run(TestBoards.WorkedExample(closed: false));

        Assert.True(verification.Succeeded);
        Assert.Equal([StepOutcome.Passed, StepOutcome.Skipped, StepOutcome.Skipped, StepOutcome.Passed], verification.Steps.Select(s => s.Outcome));
    }

    [Fact]
    public void Run_SavedCheckpointOfThisBoard_Passes()
    {
        var board = TestBoards.WorkedExample();

        var verification = VerifyBoard.Run(board, [board.Entries[1] is var e ? new BoardCheckpoint(2, e.Hash) : null!]);

        Assert.True(verification.Succeeded);
        Assert.Contains("2 published and 1 saved", verification.Steps[3].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_BallotChangedAfterTheClose_FailsStep2AtThatEntry()
    {
        var board = TestBoards.WorkedExample();
        board = board with { Entries = [board.Entries[0], board.Entries[1] with { Ballot = "3" }, board.Entries[2]] };

        var failure = VerifyBoard.Run(board).FirstFailure!;

        Assert.Equal((2, 2), (failure.Number, failure.Entry));
        Assert.Contains("not the one sealed at casting", failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_PublishedResultDiffersFromRecount_FailsStep3NamingTheField()
    {
        var board = TestBoards.WorkedExample();
        var result = board.Result!.DeepClone().AsObject();
        result["elected"] = new JsonArray("Ann Smith");

        var failure = VerifyBoard.Run(board with { Result = result }).FirstFailure!;

        Assert.Equal(3, failure.Number);
        Assert.Null(failure.Entry);
        Assert.Contains("result.elected[0]: published \"Ann Smith\", recounted \"Bob Jones\"", failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_CheckpointFromBeforeEntriesWereRemoved_FailsStep4()
    {
        var board = TestBoards.WorkedExample();
        var truncated = board with { Entries = board.Entries.Take(2).ToList(), Head = new BoardCheckpoint(2, board.Entries[1].Hash), Checkpoints = [], Result = null };

        var failure = VerifyBoard.Run(truncated, [board.Head]).FirstFailure!;

        Assert.Equal((4, 3), (failure.Number, failure.Entry));
        Assert.Contains("saved checkpoint 3:", failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ClosedBoardWithoutSalts_FailsStep2AndCannotCount()
    {
        var board = TestBoards.WorkedExample();
        board = board with { Entries = [.. board.Entries.Select(e => e with { Salt = null })] };

        var verification = VerifyBoard.Run(board);

        Assert.Equal((2, 1), (verification.FirstFailure!.Number, verification.FirstFailure.Entry));
        Assert.Equal(StepOutcome.Failed, verification.Steps[2].Outcome);
    }

    /// <summary>A single change to a published board: what it does, and the entry where verification must fail first.</summary>
    public sealed record Mutation(string Description, Func<BoardDocument, BoardDocument> Apply, int Step, int Entry)
    {
        public override string ToString() => Description;
    }

    [Property(MaxTest = 300)]
    public Property Run_AnySingleMutation_FailsAtTheMutatedOrFirstAffectedEntry() =>
        Prop.ForAll(
            TestBoards.Closed().SelectMany(board => Mutations(board).Select(m => (board, m))).ToArbitrary(),
            pair =>
            {
                var (board, mutation) = pair;
                Assert.True(VerifyBoard.Run(board).Succeeded, "the unmutated board verifies");
                var failure = VerifyBoard.Run(mutation.Apply(board)).FirstFailure;
                Assert.NotNull(failure);
                Assert.Equal((mutation.Step, mutation.Entry), (failure.Number, failure.Entry ?? 0));
            });

    [Property(MaxTest = 100)]
    public Property Run_EntryRewrittenAndChainRecomputed_CaughtByEverySavedCheckpointAtOrAfterIt() =>
        Prop.ForAll(
            TestBoards.Closed().SelectMany(b => Gen.Choose(1, b.Entries.Count).SelectMany(k => Gen.Choose(0, b.Entries.Count).Select(n => (b, k, n)))).ToArbitrary(),
            triple =>
            {
                var (board, k, n) = triple;
                var saved = n == 0 ? new BoardCheckpoint(0, BoardHashes.Start(board.PrimaryId)) : new BoardCheckpoint(n, board.Entries[n - 1].Hash);
                var forged = Forge(board, k);
                var verification = VerifyBoard.Run(forged, [saved]);
                // Steps 1 to 3 pass: only the saved checkpoint shows the rewrite, and only if it covers entry k.
                Assert.All(verification.Steps.Take(3), s => Assert.NotEqual(StepOutcome.Failed, s.Outcome));
                Assert.Equal(n >= k ? (4, n) : (0, 0), verification.FirstFailure is { } f ? (f.Number, f.Entry ?? 0) : (0, 0));
            });

    /// <summary>Every kind of single mutation that applies to the board, each with where it must be caught.</summary>
    private static Gen<Mutation> Mutations(BoardDocument board)
    {
        var count = board.Entries.Count;
        var gens = new List<Gen<Mutation>>
        {
            At(board, (e, k) => e with { Ballot = OtherBallot(board, e.Ballot!) }, "ballot", 2),
            At(board, (e, k) => e with { Salt = FlipHex(e.Salt!, k) }, "salt", 2),
            At(board, (e, k) => e with { Commitment = FlipHex(e.Commitment, k) }, "commitment", 1),
            At(board, (e, k) => e with { Hash = FlipHex(e.Hash, k) }, "hash", 1),
            At(board, (e, k) => e with { TrackingCode = OtherCode(e.TrackingCode, k) }, "tracking code", 1),
            At(board, (e, k) => e with { Sequence = e.Sequence + 1 + k }, "sequence", 1),
            Gen.Choose(1, count).Select(k => new Mutation(Invariant($"entry {k} removed"), b => b with { Entries = [.. b.Entries.Where(e => e.Sequence != k)] }, 1, k)),
            Gen.Choose(1, count).Select(k => new Mutation(Invariant($"entry {k} repeated"), b => b with { Entries = [.. b.Entries.Take(k), b.Entries[k - 1], .. b.Entries.Skip(k)] }, 1, k + 1)),
            Gen.Constant(new Mutation("head hash", b => b with { Head = b.Head with { Hash = FlipHex(b.Head.Hash, 0) } }, 1, count)),
        };
        if (count >= 2)
        {
            gens.Add(Gen.Choose(1, count - 1).Select(k => new Mutation(Invariant($"entries {k} and {k + 1} swapped"), b => b with { Entries = [.. b.Entries.Take(k - 1), b.Entries[k], b.Entries[k - 1], .. b.Entries.Skip(k + 1)] }, 1, k)));
        }

        if (board.Checkpoints.Count > 0)
        {
            gens.Add(Gen.Choose(0, board.Checkpoints.Count - 1).Select(i => new Mutation(
                Invariant($"checkpoint {board.Checkpoints[i].Count} changed"),
                b => b with { Checkpoints = [.. b.Checkpoints.Select((c, j) => j == i ? c with { Hash = FlipHex(c.Hash, j) } : c)] },
                4,
                board.Checkpoints[i].Count)));
        }

        return Gen.OneOf(gens);
    }

    private static Gen<Mutation> At(BoardDocument board, Func<BoardEntry, int, BoardEntry> change, string what, int step) =>
        from k in Gen.Choose(1, board.Entries.Count)
        from variant in Gen.Choose(0, 1000)
        select new Mutation(
            Invariant($"{what} of entry {k}"),
            b => b with { Entries = [.. b.Entries.Select(e => e.Sequence == k ? change(e, variant) : e)] },
            step,
            k);

    /// <summary>Entry k's ballot replaced with a fresh salt, and every hash from k on recomputed: a forgery only a saved checkpoint shows.</summary>
    private static BoardDocument Forge(BoardDocument board, int k)
    {
        var chain = BoardChain.Start(board.PrimaryId);
        var entries = new List<BoardEntry>();
        foreach (var e in board.Entries)
        {
            var (ballot, salt) = e.Sequence == k ? (OtherBallot(board, e.Ballot!), "ffffffffffffffffffffffffffffffff") : (e.Ballot!, e.Salt!);
            entries.Add(chain.Append(e.TrackingCode, BoardHashes.Commitment(salt, ballot)) with { Ballot = ballot, Salt = salt });
        }

        var forged = board with { Entries = entries, Head = chain.Checkpoint(), Checkpoints = [] };
        return BoardCount.Publish(forged, board.Result!["seed"]!.GetValue<int>());
    }

    /// <summary>A different valid ballot: the first choice moved to another candidate, or (approval) one more or fewer.</summary>
    private static string OtherBallot(BoardDocument board, string text)
    {
        var kind = BoardBallot.KindFor(board.Method);
        var n = board.Candidates.Count;
        var choices = text.Split(' ').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToList();
        if (kind == BallotKind.Approval)
        {
            var missing = Enumerable.Range(1, n).FirstOrDefault(c => !choices.Contains(c));
            choices = missing > 0 ? [.. choices, missing] : choices.Skip(1).ToList();
        }
        else
        {
            var other = Enumerable.Range(1, n).First(c => c != choices[0]);
            choices = choices.Contains(other) ? [.. choices.Select(c => c == other ? choices[0] : c == choices[0] ? other : c)] : [other, .. choices.Skip(1)];
        }

        return BoardBallot.Create(kind, choices, n, out var problem)?.Text ?? throw new InvalidOperationException(problem);
    }

    private static string FlipHex(string hex, int variant)
    {
        var i = variant % hex.Length;
        var c = hex[i] == '0' ? '1' : '0';
        return hex[..i] + c + hex[(i + 1)..];
    }

    private static string OtherCode(string code, int variant)
    {
        var i = variant % code.Length;
        var alphabet = TrackingCodes.Alphabet;
        var c = alphabet[(alphabet.IndexOf(code[i], StringComparison.Ordinal) + 1 + (variant % 31)) % 32];
        return code[..i] + c + code[(i + 1)..];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
