using Answerback.Platform.Common;
using Answerback.Platform.Conversations;
using Answerback.Platform.Eligibility;
using Answerback.Platform.Moderation;
using Answerback.Platform.Organisations;
using Answerback.Platform.Tests.Infrastructure;

namespace Answerback.Platform.Tests.Conversations;

/// <summary>Conversations set up through the use cases.</summary>
public static class ConversationArrange
{
    public static ConversationDraft Draft(Guid organisationId, params string[] seeds) => new(
        organisationId, null, "Homes in Testville", "What should Testville do about homes?", "Some **background**.",
        seeds.Length == 0 ? ["Build more council homes.", "Protect the green belt.", "Cap rents for young people."] : seeds,
        new AnyoneSignedIn(), new AnyoneSignedIn(), null, 30, ModerationPolicy.AfterPublication, 14);

    public static async Task<Guid> OrganiserAsync(this PlatformTestDatabase db, Guid organisationId, string email, OrganisationRoleKind role = OrganisationRoleKind.Organiser)
    {
        var person = await db.PersonAsync(email);
        var granted = await db.With<GrantOrganisationRole, Result<RoleChange>>(g => g.GrantAsync(organisationId, person, role));
        Assert.True(granted.Succeeded);
        return person;
    }

    public static async Task<Conversation> ConversationAsync(this PlatformTestDatabase db, ConversationDraft draft, Guid organiser)
    {
        var opened = await db.With<OpenConversation, Result<Conversation>>(o => o.RunAsync(draft, organiser));
        Assert.True(opened.Succeeded, string.Join("; ", opened.Errors));
        return opened.Value!;
    }

    public static Task<Result<VoteCast>> VoteAsync(this PlatformTestDatabase db, Guid conversation, Guid statement, Guid person, int value)
        => db.With<CastVote, Result<VoteCast>>(v => v.RunAsync(conversation, statement, person, value));

    public static Task<ConversationPage?> PageAsync(this PlatformTestDatabase db, Guid conversation, Guid? person)
        => db.With<ConversationQueries, ConversationPage?>(q => q.PageAsync(conversation, person));

    public static Task<bool> RecomputeAsync(this PlatformTestDatabase db, Guid conversation)
        => db.With<RecomputeMap, bool>(r => r.RunAsync(conversation, TestContext.Current.CancellationToken));
}
