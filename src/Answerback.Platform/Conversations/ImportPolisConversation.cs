using System.Globalization;
using Answerback.Formats;
using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Answerback.Platform.Moderation;
using Answerback.Platform.Organisations;

namespace Answerback.Platform.Conversations;

/// <summary>
/// An organiser imports a Pol.is export (a zip) as a read-only conversation of their organisation,
/// with its attribution shown wherever it appears. All or nothing: a malformed file adds nothing and
/// the error names the file and line.
/// </summary>
public sealed class ImportPolisConversation(AnswerbackDbContext db, OrganisationAccess access, IMapRecomputeTrigger trigger, TimeProvider time)
{
    /// <summary>The participant key of an imported participant.</summary>
    public static string ParticipantOf(string sourceId) => "polis:" + sourceId;

    public async Task<Result<Conversation>> RunAsync(
        Guid organisationId, Guid actorPersonId, Stream zip, string fileName, string? topic, string attribution, Guid? areaId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(zip);
        if (!await access.IsOrganiserAsync(actorPersonId, organisationId, ct))
        {
            return Result.Failed<Conversation>("organisation", "Only an organiser of the organisation can import a conversation.");
        }

        (OpinionMap.VoteMatrix Matrix, string? Topic, string? Attribution) read;
        try
        {
            read = PolisZip.Read(zip, fileName);
        }
        catch (InputFormatException e)
        {
            return Result.Failed<Conversation>("file", e.Message);
        }

        attribution = string.IsNullOrWhiteSpace(attribution) ? read.Attribution?.Trim() ?? "" : attribution.Trim();
        topic = string.IsNullOrWhiteSpace(topic) ? read.Topic?.Trim() ?? "" : topic.Trim();
        var errors = new List<FieldError>();
        if (attribution.Length is 0 or > 2000)
        {
            errors.Add(new FieldError("attribution", attribution.Length == 0
                ? "Give the attribution the data's licence asks for (e.g. Pol.is's CC BY 4.0 notice)."
                : "The attribution must be at most 2,000 characters."));
        }

        if (topic.Length is 0 or > 200)
        {
            errors.Add(new FieldError("topic", topic.Length == 0 ? "Enter the topic (the export has none)." : "The topic must be at most 200 characters."));
        }

        var statements = read.Matrix.Statements;
        var tooLong = statements.FirstOrDefault(s => (s.Text?.Length ?? 0) > Statement.MaxImportedLength);
        if (tooLong is not null)
        {
            errors.Add(new FieldError("file", $"{fileName}/comments.csv: statement {tooLong.Id} is longer than {Statement.MaxImportedLength} characters."));
        }

        if (errors.Count > 0)
        {
            return Result.Failed<Conversation>(errors);
        }

        // Keep Pol.is's comment ids as the statement numbers when they are numbers, so an export of the
        // import names the same statements.
        var numeric = statements.All(s => int.TryParse(s.Id, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            && statements.Select(s => s.Id).Distinct(StringComparer.Ordinal).Count() == statements.Count;
        var now = time.GetUtcNow();
        var conversation = new Conversation
        {
            Id = Guid.NewGuid(), OrganisationId = organisationId, AreaId = areaId, Topic = topic,
            Question = "Imported from a Pol.is conversation: " + topic, BackgroundMarkdown = "", BackgroundHtml = "",
            VoteRule = new Eligibility.AnyOf().ToJson(), AddRule = new Eligibility.AnyOf().ToJson(), ReportPeriodDays = 30,
            Moderation = ModerationPolicy.AfterPublication, ResponseDays = 30, OpenedAt = now, IsImported = true, Attribution = attribution,
        };
        var ids = new Dictionary<string, Guid>(StringComparer.Ordinal);
        var rows = new List<Statement>();
        for (var i = 0; i < statements.Count; i++)
        {
            var s = statements[i];
            var statement = new Statement
            {
                Id = Guid.NewGuid(), ConversationId = conversation.Id,
                Number = numeric ? int.Parse(s.Id, CultureInfo.InvariantCulture) : i + 1,
                Text = s.Text ?? "", ImportedAuthor = s.AuthorId, IsSeed = false,
                State = s.IsModeratedOut ? StatementState.Hidden : StatementState.Published,
                CreatedAt = s.Timestamp is { } t ? DateTimeOffset.FromUnixTimeMilliseconds(t) : now,
            };
            ids[s.Id] = statement.Id;
            rows.Add(statement);
        }

        var votes = read.Matrix.EnumerateVotes().Select(v =>
        {
            var at = v.Timestamp > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(v.Timestamp) : now;
            return new Vote
            {
                StatementId = ids[v.StatementId], Participant = ParticipantOf(v.ParticipantId), ConversationId = conversation.Id,
                Value = v.Value, FirstCastAt = at, CastAt = at,
            };
        }).ToList();

        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            // Its votes are written with it: the sequence starts at their number, so the first map is behind them.
            conversation.VoteSequence = votes.Count;
            db.Set<Conversation>().Add(conversation);
            db.Set<Statement>().AddRange(rows);
            db.Set<Vote>().AddRange(votes);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        trigger.VotesChanged(conversation.Id);
        return Result.Ok(conversation);
    }
}
