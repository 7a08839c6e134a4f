using System.Globalization;
using System.Text;
using Answerback.Platform.Accounts;
using Answerback.Platform.Common;
using Answerback.Platform.Demo;
using Answerback.Platform.Organisations;
using Microsoft.AspNetCore.Identity;

namespace Answerback.Platform.Residency;

/// <summary>
/// The demo party's synthetic register, through <see cref="ImportRegister"/> (entries already there
/// are skipped) approved as an administrator would (<see cref="ApproveRegisterHolder"/>), and the demo resident who verified in Arbury, through <see cref="VerifyResidency"/>.
/// </summary>
internal sealed class ResidencyDemoSeed(
    ImportRegister import, ApproveRegisterHolder approve, VerifyResidency verify, OrganisationDirectory organisations, AccountOverview accounts, UserManager<Person> users) : IDemoSeed
{
    public int Order => DemoSeedOrder.Residency;

    public async Task SeedAsync(DemoSeeding seeding, CancellationToken ct)
    {
        var organisation = await organisations.FindAsync(DemoData.OrganisationSlug, ct) ?? throw new InvalidOperationException("The demo organisation is missing.");

        // The demo party's register is attested for the city (and so its wards), as an administrator would approve it.
        var approved = await approve.ApproveAsync(DemoData.OrganisationSlug, DemoData.CambridgeCode, approvedBy: null, ct);
        if (!approved.Succeeded)
        {
            throw new InvalidOperationException("The demo register holder could not be approved: " + string.Join(" ", approved.Errors.Select(e => e.Message)));
        }

        var csv = new StringBuilder("elector_number,postcode,area_code\n");
        foreach (var (elector, postcode, ward) in SyntheticRegister())
        {
            csv.Append(elector).Append(',').Append(postcode).Append(',').Append(ward).Append('\n');
        }

        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()));
        var report = await import.ImportAsync(stream, "demo-register.csv", organisation.Id, DemoData.CambridgeCode, ct);
        if (!report.Succeeded)
        {
            throw new InvalidOperationException("The demo register could not be imported: " + string.Join(" ", report.Errors.Select(e => e.Message)));
        }

        seeding.RegisterEntriesCreated += report.Imported;

        // The verified resident holds their entry and lives in Arbury and Cambridge.
        var resident = await users.FindByEmailAsync(DemoData.VerifiedResidentEmail) ?? throw new InvalidOperationException("The demo resident is missing.");
        if (!(await accounts.GetAsync(resident.Id, ct)).Residencies.Any(r => r.Kind == ResidencyKind.Verified))
        {
            var verified = await verify.VerifyAsync(resident.Id, DemoData.VerifiedResidentElectorNumber, DemoData.VerifiedResidentPostcode, ct);
            if (!verified.Succeeded)
            {
                throw new InvalidOperationException("The demo resident could not be verified: " + string.Join(" ", verified.Errors.Select(e => e.Message)));
            }
        }
    }

    /// <summary>
    /// The <see cref="DemoData.RegisterSize"/> synthetic electors, from a seeded generator (the same on
    /// every machine): <see cref="DemoData.WardElectors"/> spread evenly over the wards, then
    /// <see cref="RomseyPostalRegister"/>. Elector numbers are a two-letter ward prefix, a polling
    /// district and a four-digit number; the documented demo entries come first.
    /// </summary>
    public static IEnumerable<(string ElectorNumber, string Postcode, string WardCode)> SyntheticRegister() => WardRegister().Concat(RomseyPostalRegister());

    /// <summary>
    /// Romsey's polling district 2 (RO2-0001 onwards, <see cref="DemoData.RomseyPostalElectors"/> electors):
    /// the register extract the finished Romsey primary's postal codes were exported from.
    /// </summary>
    public static IEnumerable<(string ElectorNumber, string Postcode, string WardCode)> RomseyPostalRegister()
    {
        var random = new Random(DemoData.RegisterSeed + 2);
        var romsey = DemoData.Areas.Single(a => a.Code == DemoData.WardCode("Romsey"));
        for (var i = 1; i <= DemoData.RomseyPostalElectors; i++)
        {
            yield return ("RO2-" + i.ToString("D4", CultureInfo.InvariantCulture), Postcode(romsey.PostcodeDistrict!, random), romsey.Code);
        }
    }

    private static string Postcode(string district, Random random)
    {
        const string inwardLetters = "ABDEFGHJLNPQRSTUWXYZ";
        return district + " " + random.Next(1, 10).ToString(CultureInfo.InvariantCulture)
            + inwardLetters[random.Next(inwardLetters.Length)] + inwardLetters[random.Next(inwardLetters.Length)];
    }

    private static IEnumerable<(string ElectorNumber, string Postcode, string WardCode)> WardRegister()
    {
        var random = new Random(DemoData.RegisterSeed);
        var wards = DemoData.Areas.Where(a => a.ParentCode is not null).ToList();
        var arbury = DemoData.WardCode("Arbury");
        var romsey = DemoData.WardCode("Romsey");
        var perWard = DemoData.WardElectors / wards.Count;
        var extra = DemoData.WardElectors % wards.Count;
        for (var w = 0; w < wards.Count; w++)
        {
            var ward = wards[w];
            var prefix = Slugs.From(ward.Name).Replace("-", "", StringComparison.Ordinal)[..2].ToUpperInvariant();
            var count = perWard + (w < extra ? 1 : 0);
            for (var i = 1; i <= count; i++)
            {
                var elector = prefix + "1-" + i.ToString("D4", CultureInfo.InvariantCulture);
                var postcode = (ward.Code, i) switch
                {
                    var (c, n) when c == arbury && n == 1 => DemoData.VerifiedResidentPostcode,
                    var (c, n) when c == arbury && n == 2 => DemoData.UnclaimedPostcode,
                    var (c, n) when c == romsey && n == 1 => DemoData.SecondUnclaimedPostcode,
                    _ => Postcode(ward.PostcodeDistrict!, random),
                };
                yield return (elector, postcode, ward.Code);
            }
        }
    }
}
