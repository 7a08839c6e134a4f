using Answerback.Platform.Webmentions;

namespace Answerback.Platform.Tests.Webmentions;

public sealed class SourcePageTests
{
    private static readonly Uri Page = new("https://blog.example/2026/12/post");
    private static readonly Uri Target = new("https://answerback.example/conversations/1b4e28ba-2fa1-11d2-883f-0016d3cca427");

    [Theory]
    [InlineData("<a href=\"https://answerback.example/conversations/1b4e28ba-2fa1-11d2-883f-0016d3cca427\">x</a>")]
    [InlineData("<a href=\"https://answerback.example/conversations/1b4e28ba-2fa1-11d2-883f-0016d3cca427/#comments\">x</a>")]
    [InlineData("<base href=\"https://answerback.example/\"><a href=\"conversations/1b4e28ba-2fa1-11d2-883f-0016d3cca427\">x</a>")]
    [InlineData("<img src=\"//answerback.example/conversations/1b4e28ba-2fa1-11d2-883f-0016d3cca427\" alt=\"\">")]
    public void LinksTo_LinkInAnyFormTheBrowserResolves_True(string html)
        => Assert.True(SourcePage.LinksTo(SourcePage.Parse(html), Page, Target));

    [Theory]
    [InlineData("<p>https://answerback.example/conversations/1b4e28ba-2fa1-11d2-883f-0016d3cca427</p>")]
    [InlineData("<a href=\"https://answerback.example/conversations/1b4e28ba-2fa1-11d2-883f-0016d3cca427/map\">x</a>")]
    [InlineData("<!-- <a href=\"https://answerback.example/conversations/1b4e28ba-2fa1-11d2-883f-0016d3cca427\"> -->")]
    [InlineData("<a data-href=\"https://answerback.example/conversations/1b4e28ba-2fa1-11d2-883f-0016d3cca427\">x</a>")]
    public void LinksTo_TextCommentOrOtherPage_False(string html)
        => Assert.False(SourcePage.LinksTo(SourcePage.Parse(html), Page, Target));

    [Fact]
    public void Details_HEntry_NameAndAuthorHCard_NotTheQuotedEntrysName()
    {
        var html = """
            <html><head><title>Blog – a post</title></head><body>
            <article class="h-entry">
              <div class="h-cite"><span class="p-name">Quoted post</span></div>
              <h1 class="p-name">  Why the  housing
                 report matters </h1>
              <a class="p-author h-card" href="/about"><img src="/me.jpg" alt=""><span class="p-name">Ann Writer</span></a>
            </article></body></html>
            """;
        var details = SourcePage.Details(SourcePage.Parse(html), Page);
        Assert.Equal(new SourceDetails("Why the housing report matters", "Ann Writer", "https://blog.example/about"), details);
    }

    [Fact]
    public void Details_NoMicroformats_DocumentTitle()
        => Assert.Equal(new SourceDetails("Just a page", null, null), SourcePage.Details(SourcePage.Parse("<title>Just a page</title><p>hi</p>"), Page));

    [Fact]
    public void Endpoint_LinkHeaderFirst_RelativeResolved_RelAmongOthers()
    {
        var page = new FetchedPage(Page, System.Net.HttpStatusCode.OK, "text/html",
            ["<https://other.example/x>; rel=\"me\", </webmention?x=1>; rel=\"nofollow webmention\""], "<link rel=\"webmention\" href=\"/html-endpoint\">", null);
        Assert.Equal(new Uri("https://blog.example/webmention?x=1"), SourcePage.Endpoint(page));
    }

    [Fact]
    public void Endpoint_InHtml_FirstLinkOrAnchorInDocumentOrder_EmptyHrefIsThePage()
    {
        static Uri? Found(string html) => SourcePage.Endpoint(new FetchedPage(Page, System.Net.HttpStatusCode.OK, "text/html", [], html, null));
        Assert.Equal(new Uri("https://blog.example/2026/12/a-endpoint"), Found("<a rel=\"webmention\" href=\"a-endpoint\">e</a><link rel=\"webmention\" href=\"/link-endpoint\">"));
        Assert.Equal(Page, Found("<link rel=\"webmention\" href=\"\">"));
        Assert.Null(Found("<!-- <link rel=\"webmention\" href=\"/x\"> --><a rel=\"not-webmention\" href=\"/y\">y</a>"));
    }

    [Fact]
    public void ExternalLinks_AbsoluteHttpOnOtherHosts_OnceEach()
    {
        var links = SourcePage.ExternalLinks(
            "<a href=\"https://news.example/a#top\">1</a><a href=\"https://news.example/a\">2</a><a href=\"/local\">3</a><a href=\"https://answerback.example/x\">4</a><a href=\"mailto:a@b.example\">5</a>",
            "answerback.example");
        Assert.Equal([new Uri("https://news.example/a")], links);
    }
}
