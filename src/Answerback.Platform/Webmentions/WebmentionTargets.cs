using System.Globalization;
using System.Text.RegularExpressions;
using Answerback.Platform.Accountability;
using Answerback.Platform.Conversations;
using Answerback.Platform.Data;
using Answerback.Platform.Primaries;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Webmentions;

/// <summary>
/// The public pages that take mentions, and whose moderators look after each: a primary and its
/// candidates, a conversation and its reports, a representative. The request checks only the shape
/// of the path (<see cref="IsMentionable"/>), so the endpoint's answer tells nobody whether a thing
/// exists; the background check (<see cref="FindAsync"/>) looks it up.
/// </summary>
public sealed partial class WebmentionTargets(AnswerbackDbContext db)
{
    /// <summary>The path as mentions are stored and shown by: lower case, without a trailing slash.</summary>
    public static string Normalise(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var lower = path.ToLowerInvariant();
        return lower.Length > 1 ? lower.TrimEnd('/') : lower;
    }

    public static bool IsMentionable(string path) => Pages().IsMatch(Normalise(path));

    /// <summary>The organisation whose moderators look after the page, or null when there is no such public page.</summary>
    public async Task<Guid?> FindAsync(string path, CancellationToken ct)
    {
        var match = Pages().Match(Normalise(path));
        if (!match.Success)
        {
            return null;
        }

        var id = Guid.Parse(match.Groups["id"].Value, CultureInfo.InvariantCulture);
        switch (match.Groups["kind"].Value)
        {
            case "primaries":
                var primary = await db.Set<Primary>().AsNoTracking().Where(p => p.Id == id && p.PublishedAt != null)
                    .Select(p => (Guid?)p.OrganisationId).FirstOrDefaultAsync(ct);
                if (primary is not null && match.Groups["candidate"].Success)
                {
                    var candidate = Guid.Parse(match.Groups["candidate"].Value, CultureInfo.InvariantCulture);
                    return await db.Set<Candidate>().AnyAsync(c => c.Id == candidate && c.PrimaryId == id, ct) ? primary : null;
                }

                return primary;
            case "conversations":
                var organisation = await db.Set<Conversation>().AsNoTracking().Where(c => c.Id == id).Select(c => (Guid?)c.OrganisationId).FirstOrDefaultAsync(ct);
                if (organisation is not null && match.Groups["report"].Success)
                {
                    var number = int.Parse(match.Groups["report"].Value, CultureInfo.InvariantCulture);
                    return await db.Set<Report>().AnyAsync(r => r.ConversationId == id && r.Number == number, ct) ? organisation : null;
                }

                return organisation;
            default:
                return await db.Set<Representative>().AsNoTracking().Where(r => r.Id == id).Select(r => (Guid?)r.OwnerOrganisationId).FirstOrDefaultAsync(ct);
        }
    }

    private const string Guid36 = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    [GeneratedRegex("^/(?:(?<kind>primaries)/(?<id>" + Guid36 + ")(?:/candidates/(?<candidate>" + Guid36 + "))?"
                    + "|(?<kind>conversations)/(?<id>" + Guid36 + ")(?:/reports/(?<report>[1-9][0-9]{0,8}))?"
                    + "|(?<kind>representatives)/(?<id>" + Guid36 + "))$", RegexOptions.CultureInvariant)]
    private static partial Regex Pages();
}
