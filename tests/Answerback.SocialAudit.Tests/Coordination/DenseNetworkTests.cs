namespace Answerback.SocialAudit.Tests.Coordination;

/// <summary>
/// Few accounts in many large waves: every account pair coordinates often, so there are a million edges among
/// 1,200 accounts. The shape on which per-pair hashing of (a, b) collapsed (issue 14); checked against the
/// definition, and the several-type call against single-type calls.
/// </summary>
public class DenseNetworkTests
{
    private static readonly CoordinationType[] Keyed = [CoordinationType.CoText, CoordinationType.CoRepost, CoordinationType.CoLink, CoordinationType.CoReply];

    private static readonly Lazy<List<Post>> Dense = new(() => SyntheticWaves.Generate(new WaveOptions
    {
        Seed = 14,
        Accounts = 1_200,
        WavesPerAccount = 40,
        MinWaveSize = 15,
        MaxWaveSize = 30,
        OrganicPosts = 2_000,
    }));

    [Fact]
    public void Detect_DenseWavesAllFourTypesAtOnce_EqualTheDefinitionForEachType()
    {
        var options = new CoordinationOptions { Window = TimeSpan.FromSeconds(60) };
        var networks = CoordinationDetector.Detect(Dense.Value, Keyed, options);
        Assert.InRange(networks.Values.Sum(e => e.Count), 900_000, 1_300_000);
        foreach (var type in Keyed)
        {
            var expected = ReferenceNetwork.ComputeByKey(Dense.Value, options with { Type = type });
            var actual = networks[type].Select(e => (e.Source, e.Target, e.Weight)).ToList();
            Assert.True(expected.Count > 150_000, $"{type}: only {expected.Count} edges in the reference");
            Assert.Equal(expected.Count, actual.Count);
            Assert.True(expected.SequenceEqual(actual), $"{type}: the edges differ from the definition");
            Assert.All(networks[type], e => Assert.Equal(type, e.Type));
        }
    }

    [Fact]
    public void Detect_DenseWavesWithMinWeightAndSelfLoops_EqualTheDefinition()
    {
        // Heavier edges only, and every post matching itself: weights above 1 and A→A runs are counted right.
        var options = new CoordinationOptions { Type = CoordinationType.CoText, Window = TimeSpan.FromSeconds(60), MinWeight = 2, IncludeSelfLoops = true };
        var expected = ReferenceNetwork.ComputeByKey(Dense.Value, options);
        var actual = CoordinationDetector.Detect(Dense.Value, options).Select(e => (e.Source, e.Target, e.Weight)).ToList();
        Assert.Contains(actual, e => e.Source == e.Target);
        Assert.True(expected.SequenceEqual(actual), "the edges differ from the definition");
    }
}
