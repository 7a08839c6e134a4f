namespace Answerback.Platform.Imports;

/// <summary>
/// The errors of one import: the first <see cref="MaxListed"/> are kept and reported, the rest only
/// counted, so a bad 400 KB upload cannot produce a 17 MB page (or hold every error in memory).
/// </summary>
public sealed class ImportErrorList
{
    /// <summary>Errors named one by one before the rest are summed up in one line.</summary>
    public const int MaxListed = 100;

    private readonly List<ImportError> listed = [];

    /// <summary>Every error, listed or not.</summary>
    public int Count { get; private set; }

    public void Add(ImportError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        Count++;
        if (listed.Count < MaxListed)
        {
            listed.Add(error);
        }
    }

    public void Add(int line, string field, string message) => Add(new ImportError(line, field, message));

    /// <summary>The listed errors by line, then one line with how many more there were.</summary>
    public List<ImportError> Report(string fileName)
    {
        List<ImportError> report = [.. listed.OrderBy(e => e.Line).ThenBy(e => e.Field, StringComparer.Ordinal)];
        if (Count > listed.Count)
        {
            report.Add(new ImportError(0, fileName, $"{Count - listed.Count} more error(s) not listed"));
        }

        return report;
    }
}
