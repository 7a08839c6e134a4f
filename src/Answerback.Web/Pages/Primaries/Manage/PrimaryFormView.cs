using Answerback.Platform.Areas;

namespace Answerback.Web.Pages.Primaries.Manage;

/// <summary>What the setting-up form partial shows: the fields, the areas to choose from, the organisation's name.</summary>
public sealed record PrimaryFormView(PrimaryInput Input, IReadOnlyList<AreaChoice> Areas, string OrganisationName);
