using Answerback.Platform.Demo;

namespace Answerback.Platform.Accountability;

/// <summary>The demo's representatives and posts , through the registry import and the post import.</summary>
internal sealed class AccountabilityDemoSeed : IDemoSeed
{
    public int Order => DemoSeedOrder.Accountability;

    public Task SeedAsync(DemoSeeding seeding, CancellationToken ct) => Task.CompletedTask;
}
