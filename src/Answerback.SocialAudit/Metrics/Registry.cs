using Answerback.Formats.Csv;

namespace Answerback.SocialAudit;

/// <summary>One row of the representatives registry: <c>network,handle,person,role,party,area_code</c>.</summary>
/// <param name="Network">x, mastodon, bluesky...; empty with an empty handle for a person without an account.</param>
/// <param name="Handle">The handle without <c>@</c> (or the account id); empty for a person without an account.</param>
/// <param name="Person">The representative's name; empty for a ward listed with nobody.</param>
/// <param name="Role">E.g. councillor, MP.</param>
/// <param name="Party">The party, or empty for an independent.</param>
/// <param name="AreaCode">The ward or constituency code.</param>
public sealed record RegistryEntry(string Network, string Handle, string Person, string Role, string Party, string AreaCode);

/// <summary>The registry that maps accounts to people, parties and areas (wards).</summary>
public sealed class Registry
{
    private readonly Dictionary<(string, string), RegistryEntry> _byAccount = [];

    /// <summary>Creates a registry from its rows.</summary>
    public Registry(IEnumerable<RegistryEntry> entries)
    {
        Entries = [.. entries];
        foreach (var e in Entries.Where(e => e.Handle.Length > 0))
        {
            _byAccount.TryAdd((e.Network.ToLowerInvariant(), Key(e.Handle)), e);
        }
    }

    /// <summary>All rows, in file order.</summary>
    public IReadOnlyList<RegistryEntry> Entries { get; }

    /// <summary>The entry for an account, matched by network and handle (case-insensitive, <c>@</c> ignored) or by account id.</summary>
    public RegistryEntry? Find(string network, string? handle, string? accountId)
    {
        var n = network.ToLowerInvariant();
        if (!string.IsNullOrEmpty(handle) && _byAccount.TryGetValue((n, Key(handle)), out var e))
        {
            return e;
        }

        return !string.IsNullOrEmpty(accountId) && _byAccount.TryGetValue((n, Key(accountId)), out e) ? e : null;
    }

    private static string Key(string handle) => handle.Trim().TrimStart('@').ToLowerInvariant();

    /// <summary>The registry's columns.</summary>
    public static readonly IReadOnlyList<string> Columns = ["network", "handle", "person", "role", "party", "area_code"];

    /// <summary>Reads the CSV (with its header; columns found by name); errors name the file and line.</summary>
    public static Registry Read(Stream stream, string file)
    {
        using var csv = new CsvReader(stream, file);
        var header = CsvHeader.Read(csv, string.Join(',', Columns));
        var columns = Columns.Select(header.Required).ToArray();
        var entries = new List<RegistryEntry>();
        while (csv.Read())
        {
            header.CheckWidth(csv);
            var f = columns.Select(c => csv.GetString(c).Trim()).ToArray();
            if (f[5].Length == 0)
            {
                throw csv.Error("area_code must not be empty");
            }

            entries.Add(new RegistryEntry(f[0], f[1].TrimStart('@'), f[2], f[3], f[4], f[5]));
        }

        return new Registry(entries);
    }
}
