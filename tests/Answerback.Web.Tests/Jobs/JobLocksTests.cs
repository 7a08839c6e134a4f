using Answerback.Platform.Jobs;
using Answerback.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Web.Tests.Jobs;

/// <summary>IJobLocks on each provider within one node: a held key is refused until released.</summary>
public sealed class JobLocksTests(PlainAppFixture apps) : IClassFixture<PlainAppFixture>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task TryAcquire_Held_NullUntilReleased(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        var locks = app.Services.GetRequiredService<IJobLocks>();
        var ct = TestContext.Current.CancellationToken;
        var key = "test:" + Guid.NewGuid().ToString("N");

        var first = await locks.TryAcquireAsync(key, ct);
        Assert.NotNull(first);
        Assert.Null(await locks.TryAcquireAsync(key, ct));
        await first!.DisposeAsync();
        await first.DisposeAsync(); // twice is harmless and does not free someone else's lock
        await using var second = await locks.TryAcquireAsync(key, ct);
        Assert.NotNull(second);
        Assert.Null(await locks.TryAcquireAsync(key, ct));
    }
}
