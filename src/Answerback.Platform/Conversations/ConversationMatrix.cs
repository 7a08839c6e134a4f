using System.Globalization;
using Answerback.OpinionMap;
using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Conversations;

/// <summary>
/// A conversation's votes as the engine's matrix, the one way the recompute and the export read them.
/// Statement ids are the statements' numbers; participants are numbered 0, 1, 2... by when they
/// joined (their first vote), so the numbers say nothing about who they are and stay the same as
/// others join. Statements held for review are left out; hidden ones are in, moderated out. The signature
/// (published/hidden/votes counts) tells the recompute whether a stored map is stale.
/// </summary>
public sealed record ConversationMatrix(VoteMatrix Matrix, IReadOnlyDictionary<string, string> NumberOfParticipant, string StatementSignature)
{
    /// <summary>What the map is computed from, in counts: published, hidden and held statements, and votes.</summary>
    public static async Task<string> SignatureAsync(AnswerbackDbContext db, StatementModeration moderation, Guid conversationId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(moderation);
        var visible = await moderation.Visible(conversationId).CountAsync(ct);
        var shown = await moderation.NotHeld(conversationId).CountAsync(ct);
        var votes = await db.Set<Vote>().CountAsync(v => v.ConversationId == conversationId, ct);
        return string.Create(CultureInfo.InvariantCulture, $"{visible}/{shown - visible}/{votes}");
    }

    /// <summary>
    /// The groups a stored map gave (<see cref="MapSnapshot.ParticipantGroups"/>, by participant key),
    /// by the matrix's participant ids: the engine's <see cref="OpinionMapOptions.PreviousGroups"/>.
    /// Participants without votes now are left out; empty when there is no stored map.
    /// </summary>
    public static IReadOnlyDictionary<string, int> StoredGroups(string? participantGroups, IReadOnlyDictionary<string, string> numberOfParticipant)
    {
        ArgumentNullException.ThrowIfNull(numberOfParticipant);
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(participantGroups))
        {
            return result;
        }

        foreach (var (key, group) in System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, int>>(participantGroups) ?? [])
        {
            if (numberOfParticipant.TryGetValue(key, out var number))
            {
                result[number] = group;
            }
        }

        return result;
    }

    public static async Task<ConversationMatrix> LoadAsync(AnswerbackDbContext db, StatementModeration moderation, Guid conversationId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(moderation);
        var moderated = await moderation.ForConversationAsync(conversationId, ct);
        var statements = (await moderation.NotHeld(conversationId).OrderBy(s => s.Number).ToListAsync(ct))
            .Select(s => new { s.Number, Hidden = moderated.IsHidden(s), s.Text, s.AuthorPersonId, s.ImportedAuthor, s.CreatedAt }).ToList();
        var votes = await db.Set<Vote>().AsNoTracking().Where(v => v.ConversationId == conversationId)
            .Join(db.Set<Statement>(), v => v.StatementId, s => s.Id, (v, s) => new { v.Participant, s.Number, v.Value, v.CastAt, v.FirstCastAt })
            .ToListAsync(ct);
        var numbers = votes.GroupBy(v => v.Participant, StringComparer.Ordinal)
            .Select(g => (g.Key, Joined: g.Min(v => v.FirstCastAt)))
            .OrderBy(p => p.Joined).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select((p, i) => (p.Key, Number: i.ToString(CultureInfo.InvariantCulture)))
            .ToDictionary(p => p.Key, p => p.Number, StringComparer.Ordinal);
        var builder = new VoteMatrixBuilder();
        foreach (var s in statements)
        {
            var author = s.AuthorPersonId is { } a ? numbers.GetValueOrDefault(Vote.ParticipantOf(a))
                : s.ImportedAuthor is { } imported ? numbers.GetValueOrDefault(ImportPolisConversation.ParticipantOf(imported)) : null;
            builder.AddStatement(new StatementInfo(s.Number.ToString(CultureInfo.InvariantCulture), s.Hidden, false, s.Text,
                author, s.CreatedAt.ToUnixTimeMilliseconds()));
        }

        // Voters in joining order, so the matrix rows (and so the engine's Pol.is-style seeding) follow it.
        foreach (var participant in numbers.OrderBy(n => int.Parse(n.Value, CultureInfo.InvariantCulture)))
        {
            builder.AddParticipant(participant.Value);
        }

        foreach (var v in votes)
        {
            builder.AddVote(numbers[v.Participant], v.Number.ToString(CultureInfo.InvariantCulture), v.Value, v.CastAt.ToUnixTimeMilliseconds());
        }

        var signature = string.Create(CultureInfo.InvariantCulture, $"{statements.Count(s => !s.Hidden)}/{statements.Count(s => s.Hidden)}/{votes.Count}");
        return new ConversationMatrix(builder.Build(), numbers, signature);
    }
}
