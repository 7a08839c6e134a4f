using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace Answerback.Counting.Tests;

/// <summary>An official result sheet (tests/data/Counting/scotland/*.json) and a comparison to the precision it printed.</summary>
internal sealed record OfficialSheet(int Seats, int Valid, int Quota, IReadOnlyList<int> Elected, IReadOnlyList<IReadOnlyList<string?>> Stages)
{
    public static OfficialSheet Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        var stages = root.GetProperty("stages").EnumerateArray()
            .Select(s => (IReadOnlyList<string?>)[.. s.GetProperty("totals").EnumerateArray().Select(t => t.ValueKind == JsonValueKind.Null ? null : t.GetString())])
            .ToList();
        return new OfficialSheet(
            root.GetProperty("seats").GetInt32(),
            root.GetProperty("valid").GetInt32(),
            root.GetProperty("quota").GetInt32(),
            [.. root.GetProperty("elected").EnumerateArray().Select(e => e.GetInt32() - 1)],
            stages);
    }

    /// <summary>Every difference between the report and the sheet, as readable lines (empty when they agree).</summary>
    public List<string> Differences(CountReport report)
    {
        var problems = new List<string>();
        if (report.Quota != Quota.ToString(CultureInfo.InvariantCulture) + ".00000")
        {
            problems.Add($"quota {report.Quota}, sheet {Quota}");
        }

        if (report.Valid != Valid.ToString(CultureInfo.InvariantCulture) + ".00000")
        {
            problems.Add($"valid {report.Valid}, sheet {Valid}");
        }

        var expectedElected = Elected.Select(i => report.Candidates[i]).Order(StringComparer.Ordinal).ToList();
        if (!expectedElected.SequenceEqual(report.Elected.Order(StringComparer.Ordinal)))
        {
            problems.Add($"elected {string.Join(", ", report.Elected)}, sheet {string.Join(", ", expectedElected)}");
        }

        if (report.Stages.Count != Stages.Count)
        {
            problems.Add($"{report.Stages.Count} stages, sheet {Stages.Count}");
        }

        for (var s = 0; s < Math.Min(report.Stages.Count, Stages.Count); s++)
        {
            for (var c = 0; c < Stages[s].Count; c++)
            {
                var printed = Stages[s][c];
                var ours = report.Stages[s].Totals[c];
                if (printed is not null && !Agrees(ours, printed))
                {
                    problems.Add($"stage {s + 1} ({report.Stages[s].Action}), {report.Candidates[c]}: {ours}, sheet {printed}");
                }
            }
        }

        return problems;
    }

    /// <summary>True when <paramref name="exact"/> rounded or truncated to the printed decimals equals <paramref name="printed"/>.</summary>
    public static bool Agrees(string exact, string printed)
    {
        var decimals = printed.Contains('.', StringComparison.Ordinal) ? printed.Length - printed.IndexOf('.', StringComparison.Ordinal) - 1 : 0;
        var ours = Units(exact, 5);
        var theirs = Units(printed, decimals) * BigInteger.Pow(10, 5 - decimals);
        var step = BigInteger.Pow(10, 5 - decimals);
        var truncated = ours / step * step;
        var rounded = (ours + (step / 2)) / step * step;
        return theirs == truncated || theirs == rounded;
    }

    private static BigInteger Units(string text, int decimals)
    {
        var parts = text.Split('.');
        var fraction = parts.Length > 1 ? parts[1] : string.Empty;
        return BigInteger.Parse(parts[0] + fraction.PadRight(decimals, '0'), CultureInfo.InvariantCulture);
    }
}
