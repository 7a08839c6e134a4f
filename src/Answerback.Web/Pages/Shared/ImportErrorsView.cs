using Answerback.Platform.Common;

namespace Answerback.Web.Pages.Shared;

/// <summary>The errors of a refused import, for the <c>_ImportErrors</c> partial.</summary>
public sealed record ImportErrorsView(IReadOnlyList<FieldError> Errors, string? FileName);
