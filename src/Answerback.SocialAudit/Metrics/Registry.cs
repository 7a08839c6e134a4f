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

    /// <summary>Reads the CSV (with its header); errors name the file and line.</summary>
    public static Registry Read(Stream stream, string file)
    {
        using var text = CsvRecordReader.OpenText(stream);
        var csv = new CsvRecordReader(text, file);
        var fields = new List<string>();
        string[] header = ["network", "handle", "person", "role", "party", "area_code"];
        if (!csv.Read(fields) || !fields.Select(f => f.Trim()).SequenceEqual(header, StringComparer.Ordinal))
        {
            throw new ImportException(file, 1, 0, "expected the header " + string.Join(',', header));
        }

        var entries = new List<RegistryEntry>();
        while (csv.Read(fields))
        {
            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue;
            }

            if (fields.Count != 6)
            {
                throw new ImportException(file, csv.RecordLine, 0, $"expected 6 columns, found {fields.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            }

            if (fields[5].Trim().Length == 0)
            {
                throw new ImportException(file, csv.RecordLine, 0, "area_code must not be empty");
            }

            entries.Add(new RegistryEntry(fields[0].Trim(), fields[1].Trim().TrimStart('@'), fields[2].Trim(), fields[3].Trim(), fields[4].Trim(), fields[5].Trim()));
        }

        return new Registry(entries);
    }
}
