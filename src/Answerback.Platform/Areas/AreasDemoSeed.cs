using Answerback.Platform.Demo;

namespace Answerback.Platform.Areas;

/// <summary>The demo's areas (Cambridge and its wards, from <see cref="DemoData.Areas"/>), through <see cref="CreateArea"/>.</summary>
internal sealed class AreasDemoSeed(CreateArea create, AreaDirectory directory) : IDemoSeed
{
    public int Order => DemoSeedOrder.Areas;

    public async Task SeedAsync(DemoSeeding seeding, CancellationToken ct)
    {
        var ids = new Dictionary<string, Guid>(StringComparer.Ordinal);
        // Parents come first in the data file.
        foreach (var area in DemoData.Areas)
        {
            if (await directory.FindByCodeAsync(area.Code, ct) is { } existing)
            {
                ids[area.Code] = existing.Id;
                continue;
            }

            var created = await create.CreateAsync(area.Name, area.Code, area.ParentCode is null ? null : ids[area.ParentCode], ct);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"The demo area {area.Code} could not be created: " + string.Join(" ", created.Errors.Select(e => e.Message)));
            }

            ids[area.Code] = created.Value.Id;
            seeding.AreasCreated++;
        }
    }
}
