using System.Security.Cryptography;
using System.Text;
using Answerback.Platform.Primaries;

namespace Answerback.Platform.Tests.Primaries;

/// <summary>
/// Known answers for the board's hashes. The hex below was computed on the shell with sha256sum, as
/// docs/primaries.md shows (e.g. <c>printf '%s\n%s' 00112233445566778899aabbccddeeff '2 1 3' | sha256sum</c>),
/// not by the code under test.
/// </summary>
public class BoardHashesTests
{
    private const string H0 = "f10c72a180f7cf79c1e9275fba75e4256f708a36d923391ae9d106e847211ef6";
    private const string C1 = "115f0fdbe70a1226708cd837817e0f29d3c6987d8291d1dd7231b29801a3bc61";
    private const string H1 = "c9fa704e59b21af3a316eb9a8f09daea045f4b5f6575c2061d69aca80ea9df99";
    private const string C2 = "f0cbd53e2268f5a9e8cf41075e78fdb935dcc5fdcab3c23b42b7d6c5ae6fbcb5";
    private const string H2 = "1e6062dc92b77d3242b10c0c16cfe2d65ed9808bdd91663128e5280727159a5d";
    private const string C3 = "5995d4cb4066de55737c6ea4b12d67350437d4ee5840b9f745ab58555ed152e2";
    private const string H3 = "145d3f9f0d19e39fc4556b3072ccd07537d5b28c08bd0ff83a982fa3edefd616";

    [Fact]
    public void Start_IsSha256OfFormatNameAndPrimaryId() =>
        Assert.Equal(H0, BoardHashes.Start("example-primary"));

    [Fact]
    public void Commitment_IsSha256OfSaltNewlineBallot()
    {
        Assert.Equal(C1, BoardHashes.Commitment("00112233445566778899aabbccddeeff", "2 1 3"));
        Assert.Equal(C2, BoardHashes.Commitment("0f1e2d3c4b5a69788796a5b4c3d2e1f0", "1"));
        Assert.Equal(C3, BoardHashes.Commitment("8899aabbccddeeff0011223344556677", "2 3"));
    }

    [Fact]
    public void Chain_LinksEachEntryToThePrevious()
    {
        Assert.Equal(H1, BoardHashes.Chain(H0, 1, "K7M2Q9XW4D", C1));
        Assert.Equal(H2, BoardHashes.Chain(H1, 2, "P3RT8VZ6HN", C2));
        Assert.Equal(H3, BoardHashes.Chain(H2, 3, "W5YB2CJ9FG", C3));
    }

    [Fact]
    public void WorkedExample_EntriesAndHeadAreTheHandComputedValues()
    {
        var board = TestBoards.WorkedExample();

        Assert.Equal([H1, H2, H3], board.Entries.Select(e => e.Hash));
        Assert.Equal([C1, C2, C3], board.Entries.Select(e => e.Commitment));
        Assert.Equal(new BoardCheckpoint(3, H3), board.Head);
        Assert.Equal(["1:" + H1, "2:" + H2], board.Checkpoints.Select(c => c.ToString()));
    }

    [Fact]
    public void WorkedExample_FileInTestDataAndDocsShowTheSameBoard()
    {
        // The example file is what docs/primaries.md walks through; regenerate it from TestBoards if the format changes.
        var expected = TestBoards.WorkedExample().ToJson() + "\n";
        var path = Path.Combine(TestEnvironment.TestData, "Primaries", "worked-example.board.json");
        var actual = File.Exists(path) ? File.ReadAllText(path) : "";
        if (actual != expected)
        {
            File.WriteAllText(Path.Combine(Path.GetTempPath(), "worked-example.board.json"), expected);
        }

        Assert.Equal(expected, actual);
        var docs = File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "docs", "primaries.md"));
        foreach (var hash in new[] { H0, C1, H1, C2, H2, C3, H3 })
        {
            Assert.Contains(hash, docs, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void NewSalt_Is128RandomBitsInLowerHex()
    {
        var salts = Enumerable.Range(0, 100).Select(_ => BoardHashes.NewSalt()).ToList();

        Assert.All(salts, s => Assert.True(BoardHashes.IsSalt(s), s));
        Assert.Equal(100, salts.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Seal_CommitsToTheBallotTextWithItsSalt()
    {
        var ballot = BoardBallot.Create(BallotKind.Ranked, [3, 1], 3, out _)!;

        var sealedBallot = SealedBallot.Seal(ballot);

        Assert.Equal("3 1", sealedBallot.Ballot);
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sealedBallot.Salt + "\n3 1")));
        Assert.Equal(expected, sealedBallot.Commitment);
    }

    [Fact]
    public void Chain_UnicodePrimaryIdIsHashedAsUtf8()
    {
        var expected = Convert.ToHexStringLower(SHA256.HashData("answerback-board-v1\nromsey-ward-\u00e9"u8.ToArray()));
        Assert.Equal(expected, BoardHashes.Start("romsey-ward-\u00e9"));
    }

    [Fact]
    public void BoardChain_ResumedFromItsHead_ContinuesTheSameChain()
    {
        var chain = BoardChain.Start("example-primary");
        chain.Append("K7M2Q9XW4D", C1);

        var resumed = BoardChain.Resume(chain.Count, chain.Head);
        var entry = resumed.Append("P3RT8VZ6HN", C2);

        Assert.Equal(new BoardEntry(2, "P3RT8VZ6HN", C2, H2), entry);
        Assert.Equal(new BoardCheckpoint(2, H2), resumed.Checkpoint());
    }

    [Theory]
    [InlineData("k7m2q9xw4d")]
    [InlineData("K7M2Q9XW4")]
    [InlineData("K7M2Q9XW4O")]
    public void BoardChain_Append_RefusesANonCanonicalTrackingCode(string code) =>
        Assert.Throws<ArgumentException>(() => BoardChain.Start("p").Append(code, C1));
}
