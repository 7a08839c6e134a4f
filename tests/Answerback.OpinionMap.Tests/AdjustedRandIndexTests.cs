namespace Answerback.OpinionMap.Tests;

public sealed class AdjustedRandIndexTests
{
    [Fact]
    public void Compute_SamePartitionDifferentLabels_IsOne()
    {
        Assert.Equal(1.0, AdjustedRandIndex.Compute([0, 0, 1, 1, 2], [5, 5, 3, 3, 9]), 12);
    }

    [Fact]
    public void Compute_TextbookExample_MatchesHandComputation()
    {
        // Contingency [[2,1],[0,2]]: index = 1 + 1 = 2, rows 3 + 1 = 4, cols 1 + 3 = 4 ... computed by hand:
        // sum C(nij,2) = 1 + 0 + 0 + 1 = 2; a = C(3,2) + C(2,2) = 4; b = C(2,2) + C(3,2) = 4; C(5,2) = 10
        // expected = 1.6, max = 4, ARI = (2 - 1.6) / (4 - 1.6) = 1/6.
        Assert.Equal(1.0 / 6, AdjustedRandIndex.Compute([0, 0, 0, 1, 1], [0, 0, 1, 1, 1]), 12);
    }

    [Fact]
    public void Compute_IndependentLabelings_IsNearZero()
    {
        var random = new Random(4);
        var a = Enumerable.Range(0, 5000).Select(_ => random.Next(3)).ToArray();
        var b = Enumerable.Range(0, 5000).Select(_ => random.Next(3)).ToArray();
        Assert.InRange(AdjustedRandIndex.Compute(a, b), -0.02, 0.02);
    }
}
