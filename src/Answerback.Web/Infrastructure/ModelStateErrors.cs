using Answerback.Platform.Common;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Answerback.Web.Infrastructure;

/// <summary>The one way a page shows a use case's errors.</summary>
public static class ModelStateErrors
{
    /// <summary>
    /// Puts each error of <paramref name="result"/> on its form field (<paramref name="keys"/> maps the
    /// use case's field names to the page's, e.g. <c>("code", "Input.Code")</c>); errors of any other
    /// field go to the summary at the top of the form.
    /// </summary>
    public static void AddErrors(this ModelStateDictionary modelState, Result result, params (string Field, string Key)[] keys)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var error in result.Errors)
        {
            var key = keys.FirstOrDefault(k => string.Equals(k.Field, error.Field, StringComparison.Ordinal)).Key ?? "";
            modelState.AddModelError(key, error.Message);
        }
    }
}
