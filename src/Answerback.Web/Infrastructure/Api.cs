namespace Answerback.Web.Infrastructure;

/// <summary>
/// The HTTP API's common shape: each capability maps its read-only JSON endpoints under
/// <c>/api/...</c> in <c>Pages/&lt;Cap&gt;/&lt;Cap&gt;Api.cs</c> through <see cref="MapApiGroup"/>, so all
/// of them are anonymous, listed in <c>/openapi/v1.json</c> under their tag, camelCase JSON (the web
/// defaults of System.Text.Json), and answer an unexpected error with problem details, never a stack trace.
/// </summary>
public static class Api
{
    /// <summary>A group under <paramref name="prefix"/> (starting <c>/api/</c>) tagged <paramref name="tag"/> in the OpenAPI document.</summary>
    public static RouteGroupBuilder MapApiGroup(this IEndpointRouteBuilder endpoints, string prefix, string tag)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        if (!prefix.StartsWith("/api/", StringComparison.Ordinal))
        {
            throw new ArgumentException("API endpoints live under /api/.", nameof(prefix));
        }

        var group = endpoints.MapGroup(prefix).WithTags(tag).AllowAnonymous();
        group.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Api))
                    .LogError(ex, "API request {Path} failed", context.HttpContext.Request.Path);
                return TypedResults.Problem(title: "Something went wrong on our side.", statusCode: StatusCodes.Status500InternalServerError);
            }
        });
        return group;
    }
}
