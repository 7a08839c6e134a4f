using System.Globalization;
using Answerback.Platform.Accounts;
using Answerback.Platform.Areas;
using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Answerback.Platform.Organisations;
using Answerback.Platform.Residency;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Demo;

/// <summary>What the seeding did (all zero on a second run).</summary>
public sealed record SeedDemoReport(int AreasCreated, bool OrganisationCreated, int PeopleCreated, int RegisterEntriesCreated);

/// <summary>
/// Seeds the demo (<see cref="DemoData"/>): idempotent, each part is created only when missing, so
/// it runs at every start of a demo site.
/// </summary>
public sealed class SeedDemo(AnswerbackDbContext db, ResidencyHasher hasher, TimeProvider time)
{
    public async Task<SeedDemoReport> SeedAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        // Areas, matched by code.
        var areasCreated = 0;
        var codes = DemoData.Wards.Select(w => w.Code).Append(DemoData.CambridgeCode).ToList();
        var areas = await db.Areas.Where(a => a.Code != null && codes.Contains(a.Code)).ToDictionaryAsync(a => a.Code!, StringComparer.Ordinal, ct);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        if (!areas.TryGetValue(DemoData.CambridgeCode, out var city))
        {
            city = new Area { Id = Guid.NewGuid(), Code = DemoData.CambridgeCode, Name = DemoData.CambridgeName, Slug = await AreaCodes.UniqueSlugAsync(db, DemoData.CambridgeName, taken, ct) };
            db.Areas.Add(city);
            areas[city.Code!] = city;
            areasCreated++;
        }

        foreach (var (name, code) in DemoData.Wards)
        {
            if (!areas.ContainsKey(code))
            {
                var ward = new Area { Id = Guid.NewGuid(), Code = code, Name = name, ParentId = city.Id, Slug = await AreaCodes.UniqueSlugAsync(db, name, taken, ct) };
                db.Areas.Add(ward);
                areas[code] = ward;
                areasCreated++;
            }
        }

        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Slug == DemoData.OrganisationSlug, ct);
        var organisationCreated = organisation is null;
        if (organisation is null)
        {
            organisation = new Organisation
            {
                Id = Guid.NewGuid(),
                Slug = DemoData.OrganisationSlug,
                Name = DemoData.OrganisationName,
                Description = "A fictional local party for the demo. Its people, register and members are made up.",
                CreatedAt = now,
            };
            db.Organisations.Add(organisation);
        }

        await db.SaveChangesAsync(ct);

        // People: confirmed emails, no password (the demo panel signs them in).
        var peopleCreated = 0;
        var people = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var (email, displayName, isCandidate) in DemoData.People)
        {
            var normalised = email.ToUpperInvariant();
            var id = await db.Users.Where(u => u.NormalizedEmail == normalised).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
            if (id is null)
            {
                var person = new Person
                {
                    Id = Guid.NewGuid(),
                    UserName = email,
                    NormalizedUserName = normalised,
                    Email = email,
                    NormalizedEmail = normalised,
                    EmailConfirmed = true,
                    DisplayName = displayName,
                    IsCandidateOrRepresentative = isCandidate,
                    IsCitizen = true,
                    CreatedAt = now,
                    SecurityStamp = Guid.NewGuid().ToString("N"),
                    ConcurrencyStamp = Guid.NewGuid().ToString(),
                    LockoutEnabled = true,
                };
                db.Users.Add(person);
                id = person.Id;
                peopleCreated++;
            }

            people[email] = id.Value;
        }

        await db.SaveChangesAsync(ct);

        // The demo party's register is attested for the city (and so its wards), as an administrator would approve it.
        if (!await db.Set<RegisterHolder>().AnyAsync(h => h.OrganisationId == organisation.Id && h.AreaId == city.Id, ct))
        {
            db.Set<RegisterHolder>().Add(new RegisterHolder { Id = Guid.NewGuid(), OrganisationId = organisation.Id, AreaId = city.Id, ApprovedAt = now });
            await db.SaveChangesAsync(ct);
        }

        await EnsureRoleAsync(organisation.Id, people[DemoData.OrganiserEmail], OrganisationRoleKind.Organiser, now, ct);
        await EnsureRoleAsync(organisation.Id, people[DemoData.ModeratorEmail], OrganisationRoleKind.Moderator, now, ct);

        // The party's member list: its organiser, moderator and candidates.
        var key = await hasher.GetKeyAsync(ct);
        var memberHashes = await db.MemberListEntries.Where(m => m.OrganisationId == organisation.Id).Select(m => m.EmailHash).ToListAsync(ct);
        foreach (var email in new[] { DemoData.OrganiserEmail, DemoData.ModeratorEmail, DemoData.FirstCandidateEmail, DemoData.SecondCandidateEmail })
        {
            var hash = ResidencyHasher.HashEmail(key, ResidencyHasher.NormaliseEmail(email));
            if (!memberHashes.Contains(hash))
            {
                db.MemberListEntries.Add(new MemberListEntry { Id = Guid.NewGuid(), OrganisationId = organisation.Id, EmailHash = hash });
            }
        }

        // The synthetic register, once.
        var entriesCreated = 0;
        if (!await db.RegisterEntries.AnyAsync(e => e.OrganisationId == organisation.Id, ct))
        {
            foreach (var (elector, postcode, wardCode) in SyntheticRegister())
            {
                db.RegisterEntries.Add(new RegisterEntry
                {
                    Id = Guid.NewGuid(),
                    AreaId = areas[wardCode].Id,
                    OrganisationId = organisation.Id,
                    Hash = ResidencyHasher.HashEntry(key, ResidencyHasher.NormaliseElectorNumber(elector), ResidencyHasher.NormalisePostcode(postcode)),
                    ImportedAt = now,
                });
                entriesCreated++;
            }
        }

        await db.SaveChangesAsync(ct);

        // The verified resident holds their entry and lives in Arbury and Cambridge.
        var residentId = people[DemoData.VerifiedResidentEmail];
        var residentHash = ResidencyHasher.HashEntry(key, ResidencyHasher.NormaliseElectorNumber(DemoData.VerifiedResidentElectorNumber), ResidencyHasher.NormalisePostcode(DemoData.VerifiedResidentPostcode));
        await db.RegisterEntries.Where(e => e.Hash == residentHash && e.ClaimedByPersonId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedByPersonId, residentId).SetProperty(e => e.ClaimedAt, now), ct);
        foreach (var areaId in new[] { areas["E05013051"].Id, city.Id })
        {
            if (!await db.Residencies.AnyAsync(r => r.PersonId == residentId && r.AreaId == areaId && r.Kind == ResidencyKind.Verified, ct))
            {
                db.Residencies.Add(new Residency.Residency { Id = Guid.NewGuid(), PersonId = residentId, AreaId = areaId, Kind = ResidencyKind.Verified, CreatedAt = now });
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new SeedDemoReport(areasCreated, organisationCreated, peopleCreated, entriesCreated);
    }

    /// <summary>
    /// <see cref="DemoData.RegisterSize"/> synthetic electors spread evenly over the wards, from a
    /// seeded generator (the same on every machine). Elector numbers are a two-letter ward prefix,
    /// polling district 1 and a four-digit number; the documented demo entries come first.
    /// </summary>
    public static IEnumerable<(string ElectorNumber, string Postcode, string WardCode)> SyntheticRegister()
    {
        var random = new Random(DemoData.RegisterSeed);
        const string inwardLetters = "ABDEFGHJLNPQRSTUWXYZ";
        var districts = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["E05013050"] = "CB5", ["E05013051"] = "CB4", ["E05013052"] = "CB3", ["E05013053"] = "CB1",
            ["E05013054"] = "CB1", ["E05013055"] = "CB4", ["E05013056"] = "CB4", ["E05013057"] = "CB2",
            ["E05013058"] = "CB3", ["E05013059"] = "CB1", ["E05013060"] = "CB1", ["E05013061"] = "CB1",
            ["E05013062"] = "CB2", ["E05013063"] = "CB4",
        };
        var perWard = DemoData.RegisterSize / DemoData.Wards.Count;
        var extra = DemoData.RegisterSize % DemoData.Wards.Count;
        for (var w = 0; w < DemoData.Wards.Count; w++)
        {
            var (name, code) = DemoData.Wards[w];
            var prefix = Slugs.From(name).Replace("-", "", StringComparison.Ordinal)[..2].ToUpperInvariant();
            var count = perWard + (w < extra ? 1 : 0);
            for (var i = 1; i <= count; i++)
            {
                var elector = prefix + "1-" + i.ToString("D4", CultureInfo.InvariantCulture);
                var postcode = (code, i) switch
                {
                    ("E05013051", 1) => DemoData.VerifiedResidentPostcode,
                    ("E05013051", 2) => DemoData.UnclaimedPostcode,
                    ("E05013061", 1) => DemoData.SecondUnclaimedPostcode,
                    _ => districts[code] + " " + random.Next(1, 10).ToString(CultureInfo.InvariantCulture)
                         + inwardLetters[random.Next(inwardLetters.Length)] + inwardLetters[random.Next(inwardLetters.Length)],
                };
                yield return (elector, postcode, code);
            }
        }
    }

    private async Task EnsureRoleAsync(Guid organisationId, Guid personId, OrganisationRoleKind role, DateTimeOffset now, CancellationToken ct)
    {
        if (!await db.OrganisationRoles.AnyAsync(r => r.OrganisationId == organisationId && r.PersonId == personId && r.Role == role, ct))
        {
            db.OrganisationRoles.Add(new OrganisationRole { Id = Guid.NewGuid(), OrganisationId = organisationId, PersonId = personId, Role = role, GrantedAt = now });
            await db.SaveChangesAsync(ct);
        }
    }
}
