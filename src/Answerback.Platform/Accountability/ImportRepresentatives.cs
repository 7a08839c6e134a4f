using System.Globalization;
using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Answerback.Platform.Imports;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Accountability;

/// <summary>What a registry import did: nothing at all when there are errors.</summary>
public sealed record RepresentativeImportReport(IReadOnlyList<FieldError> Errors, int Created, int Updated) : Result(Errors);

/// <summary>
/// Imports the registry from a CSV with the column names of Democracy Club's candidate export
/// (<c>name, party_name, post_label, gss_code, election, twitter_username, mastodon_username,
/// facebook_page_url, homepage_url, elected</c>; other columns ignored, any order). The area is the one
/// with the row's <c>gss_code</c> or, without one, the area named <c>post_label</c>. A party whose name
/// is an organisation's on the platform is linked to it. A row for a name already listed in the area
/// by this organisation updates that entry (its accounts replaced). Errors by line; all or nothing.
/// Authorisation (the organisation's organisers) is the caller's, through <see cref="AccountabilityAccess"/>.
/// </summary>
public sealed class ImportRepresentatives(AnswerbackDbContext db)
{
    public static readonly IReadOnlyList<string> RequiredColumns = ["name", "party_name", "post_label", "election"];

    private const string Expected = "name,party_name,post_label,gss_code,election,twitter_username,mastodon_username,facebook_page_url,homepage_url,elected";

    private sealed record Row(int Line, string Name, string Party, Guid AreaId, string Election, bool Elected, IReadOnlyList<(string Network, string Handle)> Accounts);

    public async Task<RepresentativeImportReport> ImportAsync(Guid organisationId, Stream csv, string fileName, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var errors = new ImportErrorList();
        var rows = new List<Row>();
        var areas = await db.Areas.AsNoTracking().Select(a => new { a.Id, a.Code, a.Name }).ToListAsync(ct);
        var byCode = areas.Where(a => a.Code != null).ToDictionary(a => a.Code!, a => a.Id, StringComparer.OrdinalIgnoreCase);
        var byName = areas.GroupBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Select(a => a.Id).ToList(), StringComparer.OrdinalIgnoreCase);
        var handlesInFile = new Dictionary<(string, string), int>();
        await using (var upload = new CsvUpload(csv, fileName, errors.Add))
        {
            if (await upload.ReadHeaderAsync(Expected, RequiredColumns, ct))
            {
                var h = upload.Header;
                int name = h.Required("name"), party = h.Required("party_name"), post = h.Required("post_label"), election = h.Required("election");
                int gss = h.Optional("gss_code"), elected = h.Optional("elected");
                var accountColumns = new[]
                {
                    (Networks.X, h.Optional("twitter_username")),
                    (Networks.Mastodon, h.Optional("mastodon_username")),
                    (Networks.Facebook, h.Optional("facebook_page_url")),
                    (Networks.Website, h.Optional("homepage_url")),
                };
                var seen = new Dictionary<(Guid, string), int>();
                while (await upload.ReadAsync(ct))
                {
                    var line = upload.Line;
                    var ok = true;
                    void Error(string field, string message)
                    {
                        errors.Add(line, field, message);
                        ok = false;
                    }

                    var person = upload.Field(name);
                    if (person.Length is 0 or > 200)
                    {
                        Error("name", person.Length == 0 ? "missing" : "longer than 200 characters");
                    }

                    var partyName = upload.Field(party);
                    if (partyName.Length > 200)
                    {
                        Error("party_name", "longer than 200 characters");
                    }

                    Guid? areaId = null;
                    var code = upload.Field(gss);
                    var label = upload.Field(post);
                    if (code.Length > 0)
                    {
                        if (byCode.TryGetValue(code, out var id))
                        {
                            areaId = id;
                        }
                        else
                        {
                            Error("gss_code", $"no area has the code {code}");
                        }
                    }
                    else if (byName.TryGetValue(label, out var ids) && ids.Count == 1)
                    {
                        areaId = ids[0];
                    }
                    else
                    {
                        Error("post_label", label.Length == 0 ? "missing (give post_label or gss_code)"
                            : byName.ContainsKey(label) ? $"several areas are called {label}: give the gss_code" : $"no area is called {label}: give the gss_code");
                    }

                    var electionId = upload.Field(election);
                    if (electionId.Length > 100)
                    {
                        Error("election", "longer than 100 characters");
                    }

                    var isElected = false;
                    var electedText = upload.Field(elected).ToLowerInvariant();
                    if (electedText is "true" or "yes" or "1" or "t" or "y")
                    {
                        isElected = true;
                    }
                    else if (electedText is not ("" or "false" or "no" or "0" or "f" or "n"))
                    {
                        Error("elected", "expected True, False or nothing");
                    }

                    var accounts = new List<(string, string)>();
                    foreach (var (network, column) in accountColumns)
                    {
                        var value = upload.Field(column);
                        if (value.Length == 0)
                        {
                            continue;
                        }

                        var handle = network == Networks.Mastodon ? MastodonHandle(value) : network == Networks.X ? XHandle(value) : value;
                        if (handle is null || handle.Length > 300)
                        {
                            Error(ColumnName(network), network == Networks.Mastodon ? "expected @name@server or https://server/@name" : "not a handle or address");
                            continue;
                        }

                        var key = (network, Networks.Key(handle));
                        if (handlesInFile.TryGetValue(key, out var other))
                        {
                            Error(ColumnName(network), $"{handle} is also given on line {other.ToString(CultureInfo.InvariantCulture)}");
                            continue;
                        }

                        handlesInFile[key] = line;
                        accounts.Add((network, handle));
                    }

                    if (!ok || areaId is null)
                    {
                        continue;
                    }

                    if (seen.TryGetValue((areaId.Value, person.ToLowerInvariant()), out var earlier))
                    {
                        errors.Add(line, "name", $"{person} is already listed for this area on line {earlier.ToString(CultureInfo.InvariantCulture)}");
                        continue;
                    }

                    seen[(areaId.Value, person.ToLowerInvariant())] = line;
                    rows.Add(new Row(line, person, partyName.Length == 0 ? "Independent" : partyName, areaId.Value, electionId, isElected, accounts));
                }
            }
        }

        var existing = await db.Set<Representative>().Include(r => r.Accounts).Where(r => r.OwnerOrganisationId == organisationId).ToListAsync(ct);
        var existingByKey = existing.ToDictionary(r => (r.AreaId, r.Name.ToLowerInvariant()));
        // A handle may belong to one representative only: another organisation's entry keeps it.
        var taken = await db.Set<RepresentativeAccount>().AsNoTracking()
            .Join(db.Set<Representative>(), a => a.RepresentativeId, r => r.Id, (a, r) => new { a.Network, a.HandleKey, r.OwnerOrganisationId, r.Name, r.AreaId })
            .ToListAsync(ct);
        foreach (var row in rows)
        {
            foreach (var (network, handle) in row.Accounts)
            {
                var owner = taken.FirstOrDefault(t => t.Network == network && t.HandleKey == Networks.Key(handle));
                var sameEntry = owner is not null && owner.OwnerOrganisationId == organisationId && owner.AreaId == row.AreaId
                    && string.Equals(owner.Name, row.Name, StringComparison.OrdinalIgnoreCase);
                if (owner is not null && !sameEntry)
                {
                    errors.Add(row.Line, ColumnName(network), $"{handle} is already the account of {owner.Name}");
                }
            }
        }

        if (errors.Count > 0)
        {
            return new RepresentativeImportReport(FieldError.FromImport(errors.Report(fileName)), 0, 0);
        }

        var parties = await db.Organisations.AsNoTracking().Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        int created = 0, updated = 0;
        foreach (var row in rows)
        {
            if (!existingByKey.TryGetValue((row.AreaId, row.Name.ToLowerInvariant()), out var rep))
            {
                rep = new Representative { Id = Guid.NewGuid(), OwnerOrganisationId = organisationId, AreaId = row.AreaId, Name = row.Name };
                db.Set<Representative>().Add(rep);
                created++;
            }
            else
            {
                db.Set<RepresentativeAccount>().RemoveRange(rep.Accounts);
                updated++;
            }

            rep.PartyName = row.Party;
            rep.PartyOrganisationId = parties.FirstOrDefault(p => string.Equals(p.Name, row.Party, StringComparison.OrdinalIgnoreCase))?.Id;
            rep.Election = row.Election.Length == 0 ? null : row.Election;
            rep.Office = Office(row.Election, row.Elected);
            rep.TermStart = row.Elected ? ElectionDate(row.Election) : null;
            foreach (var (network, handle) in row.Accounts)
            {
                db.Set<RepresentativeAccount>().Add(new RepresentativeAccount { Id = Guid.NewGuid(), RepresentativeId = rep.Id, Network = network, Handle = handle, HandleKey = Networks.Key(handle) });
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new RepresentativeImportReport([], created, updated);
    }

    private static string ColumnName(string network) => network switch
    {
        Networks.X => "twitter_username",
        Networks.Mastodon => "mastodon_username",
        Networks.Facebook => "facebook_page_url",
        _ => "homepage_url",
    };

    /// <summary>"Councillor" or "MP" for someone elected (a <c>parl.</c> election is a parliament's), else "Candidate".</summary>
    public static string Office(string election, bool elected)
        => !elected ? "Candidate" : election.StartsWith("parl.", StringComparison.OrdinalIgnoreCase) ? "MP" : "Councillor";

    /// <summary>The date Democracy Club puts at the end of an election id (<c>local.cambridge.2024-05-02</c>).</summary>
    public static DateOnly? ElectionDate(string election)
    {
        var last = election.Split('.').LastOrDefault() ?? "";
        return DateOnly.TryParseExact(last, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
    }

    /// <summary><c>name</c> from <c>@name</c>, <c>name</c> or an x.com/twitter.com address; null if it is none of these.</summary>
    public static string? XHandle(string value)
    {
        var v = value.Trim();
        foreach (var prefix in new[] { "https://x.com/", "https://twitter.com/", "http://twitter.com/", "https://www.twitter.com/" })
        {
            if (v.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                v = v[prefix.Length..].TrimEnd('/');
            }
        }

        v = v.TrimStart('@');
        return v.Length is > 0 and <= 50 && v.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? v : null;
    }

    /// <summary><c>name@server</c> from <c>@name@server</c> or <c>https://server/@name</c>; null otherwise.</summary>
    public static string? MastodonHandle(string value)
    {
        var v = value.Trim();
        if (Uri.TryCreate(v, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http")
        {
            var path = uri.AbsolutePath.Trim('/');
            return path.StartsWith('@') && path.Length > 1 && !path.Contains('/', StringComparison.Ordinal) ? path[1..] + "@" + uri.Host : null;
        }

        var parts = v.TrimStart('@').Split('@');
        return parts.Length == 2 && parts[0].Length > 0 && parts[1].Contains('.', StringComparison.Ordinal) ? parts[0] + "@" + parts[1] : null;
    }
}
