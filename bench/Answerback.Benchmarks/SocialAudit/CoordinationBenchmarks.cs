using Answerback.SocialAudit;
using BenchmarkDotNet.Attributes;

namespace Answerback.Benchmarks.SocialAudit;

/// <summary>BenchmarkDotNet: the coordination detectors on 200,000 synthetic posts.</summary>
[MemoryDiagnoser]
public class SocialAuditCoordinationBenchmarks
{
    private IReadOnlyList<Post> _posts = [];

    [GlobalSetup]
    public void Setup() => _posts = SyntheticPosts.Generate(new SyntheticOptions { Seed = 3, Accounts = 5_000, OrganicPosts = 200_000, GroupsPerKind = 200 }).Posts;

    [Benchmark]
    public int CoText60s() => CoordinationDetector.Detect(_posts, new CoordinationOptions { Type = CoordinationType.CoText, Window = TimeSpan.FromSeconds(60) }).Count;

    [Benchmark]
    public int CoSimilarMinHash1h() => CoordinationDetector.Detect(_posts, new CoordinationOptions { Type = CoordinationType.CoSimilar, Window = TimeSpan.FromHours(1) }).Count;

    [Benchmark]
    public int Campaigns10min() => CampaignFinder.Find(_posts, new CampaignOptions { Window = TimeSpan.FromMinutes(10) }).Count;
}
