using System.Net;
using System.Text.Json;
using Answerback.Web.Tests.Infrastructure;

namespace Answerback.Web.Tests.Areas;

/// <summary>The example read-only API and the OpenAPI document that lists it.</summary>
public sealed class AreasApiTests(DemoAppFixture apps) : IClassFixture<DemoAppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Areas_Anonymous_CamelCaseJsonAndProblemDetails(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        using var client = app.CreateClient();

        using var list = JsonDocument.Parse(await client.GetStringAsync("/api/areas", Ct));
        var cambridge = list.RootElement.EnumerateArray().Single(a => a.GetProperty("name").GetString() == "Cambridge");
        Assert.Equal(14, cambridge.GetProperty("children").GetArrayLength());

        var ward = cambridge.GetProperty("children")[0].GetProperty("code").GetString();
        using var one = JsonDocument.Parse(await client.GetStringAsync("/api/areas/" + ward, Ct));
        Assert.Equal(ward, one.RootElement.GetProperty("code").GetString());

        var missing = await client.GetAsync("/api/areas/E05999999", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OpenApiDocument_ListsTheApi()
    {
        var app = await apps.AppAsync(Provider.Sqlite);
        using var client = app.CreateClient();

        var response = await client.GetAsync("/openapi/v1.json", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var paths = document.RootElement.GetProperty("paths");
        Assert.Equal("ListAreas", paths.GetProperty("/api/areas").GetProperty("get").GetProperty("operationId").GetString());
        Assert.True(paths.TryGetProperty("/api/areas/{code}", out _));
        Assert.False(paths.EnumerateObject().Any(p => p.Name.Contains("live", StringComparison.Ordinal)), "event streams are not in the document");
    }
}
