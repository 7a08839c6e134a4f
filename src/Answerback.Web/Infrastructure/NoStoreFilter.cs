using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Net.Http.Headers;

namespace Answerback.Web.Infrastructure;

/// <summary>
/// <c>Cache-Control: no-store</c> on a page's responses (account pages, the outbox: personal data
/// and one-use links). A page filter, because <c>[ResponseCache]</c> is an action filter, which
/// Razor Pages never run.
/// </summary>
public sealed class NoStoreFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var response = context.HttpContext.Response;
        response.OnStarting(() =>
        {
            response.Headers[HeaderNames.CacheControl] = "no-store, no-cache";
            response.Headers[HeaderNames.Pragma] = "no-cache";
            return Task.CompletedTask;
        });
        return next();
    }
}
