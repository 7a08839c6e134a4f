using System.Reflection;
using Answerback.Platform.Data;
using Answerback.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Web.Tests.Conventions;

/// <summary>
/// The rules of the web project, kept as tests: pages (and their filters, gates and helpers) do no
/// data access, and a page open to signed-out visitors says so with <c>[AllowAnonymous]</c> on its
/// page model. Each rule's checker is also run on a deliberately bad type, so the rule can fail.
/// </summary>
public sealed class PageConventionTests(PlainAppFixture apps) : IClassFixture<PlainAppFixture>
{
    private static readonly Assembly Web = typeof(WebApplicationExtensions).Assembly;

    [Fact]
    public void WebTypes_NoneDependsOnTheDbContext()
    {
        var offenders = Web.GetTypes().SelectMany(DbContextDependencies).ToList();

        Assert.True(offenders.Count == 0, "Answerback.Web must call Platform use cases and queries, not the DbContext:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void DbContextChecker_BadTypes_AreReported()
    {
        Assert.NotEmpty(DbContextDependencies(typeof(PageTakingTheContext)));
        Assert.NotEmpty(DbContextDependencies(typeof(FilterHoldingTheContext)));
        Assert.NotEmpty(DbContextDependencies(typeof(GateTakingAFactory)));
        Assert.Empty(DbContextDependencies(typeof(PageCallingAUseCase)));
    }

    [Fact]
    public async Task Pages_OpenToAnonymous_SayAllowAnonymousOnThePageModel()
    {
        var app = await apps.AppAsync(Provider.Sqlite);
        var pages = await CompiledPagesAsync(app.Services);

        Assert.Contains(pages, p => p.Page == "/Accounts/SignIn");
        var offenders = AnonymousWithoutAttribute(pages).ToList();
        Assert.True(offenders.Count == 0, "These pages allow anonymous access without [AllowAnonymous] on their page model:\n" + string.Join("\n", offenders));
        // And the default stays deny: a page without the attribute needs a signed-in person.
        Assert.False(AllowsAnonymous(pages.Single(p => p.Page == "/Accounts/Me").Metadata));
    }

    [Fact]
    public void AnonymousChecker_BadPage_IsReported()
    {
        PageEndpoint[] pages =
        [
            new("/Bad", typeof(PageCallingAUseCase), new EndpointMetadataCollection(new AuthorizeAttribute(), new AllowAnonymousAttribute())),
            new("/Good", typeof(AnonymousPage), new EndpointMetadataCollection(new AuthorizeAttribute(), new AllowAnonymousAttribute())),
            new("/Private", typeof(PageCallingAUseCase), new EndpointMetadataCollection(new AuthorizeAttribute())),
        ];

        Assert.Equal(["/Bad"], AnonymousWithoutAttribute(pages).Select(o => o.Split(' ')[0]));
    }

    [Fact]
    public void OrganiserPages_CarryTwoFactorRequired()
    {
        var models = Web.GetTypes().Where(t => typeof(PageModel).IsAssignableFrom(t) && !t.IsAbstract).ToList();

        Assert.Contains(models, m => m.Name == "ManageModel");
        var offenders = OrganiserPagesWithoutTwoFactor(models).ToList();
        Assert.True(offenders.Count == 0, "These organiser pages (they take OrganiserGate) lack [TwoFactorRequired]:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void TwoFactorChecker_BadPage_IsReported()
    {
        Assert.Equal([typeof(OrganiserPageWithoutTwoFactor).FullName!], OrganiserPagesWithoutTwoFactor([typeof(OrganiserPageWithoutTwoFactor), typeof(OrganiserPageWithTwoFactor), typeof(PageCallingAUseCase)]));
    }

    /// <summary>Page models that take the organiser gate (so serve organisers) without the two-factor rule on them.</summary>
    private static IEnumerable<string> OrganiserPagesWithoutTwoFactor(IEnumerable<Type> models)
        => models.Where(m => m.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(global::Answerback.Web.Pages.Organisations.OrganiserGate)))
                             && m.GetCustomAttribute<global::Answerback.Web.Infrastructure.TwoFactorRequiredAttribute>() is null)
            .Select(m => m.FullName!);

    /// <summary>A page, its model type and its endpoint metadata (conventions and attributes applied).</summary>
    private sealed record PageEndpoint(string Page, Type Model, EndpointMetadataCollection Metadata);

    /// <summary>Every way a type can hold or receive the DbContext: constructor and method parameters, fields (primary-constructor captures and async state included), properties.</summary>
    private static IEnumerable<string> DbContextDependencies(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var constructor in type.GetConstructors(all))
        {
            foreach (var parameter in constructor.GetParameters().Where(p => MentionsDbContext(p.ParameterType)))
            {
                yield return $"{type.FullName}: constructor parameter {parameter.Name}";
            }
        }

        foreach (var field in type.GetFields(all).Where(f => MentionsDbContext(f.FieldType)))
        {
            yield return $"{type.FullName}: field {field.Name}";
        }

        foreach (var property in type.GetProperties(all).Where(p => MentionsDbContext(p.PropertyType)))
        {
            yield return $"{type.FullName}: property {property.Name}";
        }

        foreach (var method in type.GetMethods(all))
        {
            foreach (var parameter in method.GetParameters().Where(p => MentionsDbContext(p.ParameterType)))
            {
                yield return $"{type.FullName}: method {method.Name} parameter {parameter.Name}";
            }

            if (MentionsDbContext(method.ReturnType))
            {
                yield return $"{type.FullName}: method {method.Name} returns it";
            }
        }

        foreach (var nested in type.GetNestedTypes(all))
        {
            foreach (var offence in DbContextDependencies(nested))
            {
                yield return offence;
            }
        }
    }

    private static bool MentionsDbContext(Type type)
        => typeof(DbContext).IsAssignableFrom(type)
           || (type.HasElementType && MentionsDbContext(type.GetElementType()!))
           || (type.IsGenericType && type.GetGenericArguments().Any(MentionsDbContext));

    private static IEnumerable<string> AnonymousWithoutAttribute(IEnumerable<PageEndpoint> pages)
        => pages.Where(p => AllowsAnonymous(p.Metadata) && p.Model.GetCustomAttribute<AllowAnonymousAttribute>(inherit: false) is null)
            .Select(p => $"{p.Page} ({p.Model.FullName})");

    private static bool AllowsAnonymous(EndpointMetadataCollection metadata)
        => metadata.GetMetadata<IAllowAnonymous>() is not null || metadata.GetMetadata<IAuthorizeData>() is null;

    /// <summary>Every Razor page of the app, compiled as the router would, with its final endpoint metadata.</summary>
    private static async Task<IReadOnlyList<PageEndpoint>> CompiledPagesAsync(IServiceProvider services)
    {
        var loader = services.GetRequiredService<PageLoader>();
        var descriptors = services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items.OfType<PageActionDescriptor>();
        var pages = new List<PageEndpoint>();
        foreach (var descriptor in descriptors)
        {
            var compiled = await loader.LoadAsync(descriptor, EndpointMetadataCollection.Empty);
            // The compiled descriptor's metadata holds the folder conventions and the page model's attributes.
            var model = (compiled.ModelTypeInfo ?? compiled.HandlerTypeInfo).AsType();
            pages.Add(new PageEndpoint(descriptor.ViewEnginePath, model, new EndpointMetadataCollection(compiled.EndpointMetadata)));
        }

        return pages;
    }

    // Deliberately bad (and good) types, checked by the same checkers as the real ones.
    private sealed class PageTakingTheContext(AnswerbackDbContext db) : PageModel
    {
        public int Count() => db.Areas.Count();
    }

    private sealed class FilterHoldingTheContext
    {
        public AnswerbackDbContext? Db { get; set; }
    }

    private sealed class GateTakingAFactory(Func<AnswerbackDbContext> factory)
    {
        public int Count() => factory().Areas.Count();
    }

    private sealed class PageCallingAUseCase(Platform.Areas.AreaDirectory directory) : PageModel
    {
        public object Directory => directory;
    }

    [AllowAnonymous]
    private sealed class AnonymousPage : PageModel;

    private sealed class OrganiserPageWithoutTwoFactor(global::Answerback.Web.Pages.Organisations.OrganiserGate gate) : PageModel
    {
        public object Gate => gate;
    }

    [global::Answerback.Web.Infrastructure.TwoFactorRequired]
    private sealed class OrganiserPageWithTwoFactor(global::Answerback.Web.Pages.Organisations.OrganiserGate gate) : PageModel
    {
        public object Gate => gate;
    }
}
