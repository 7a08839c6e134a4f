using System.Net;
using System.Net.Sockets;
using Answerback.Platform.Webmentions;

namespace Answerback.Platform.Tests.Webmentions;

public sealed class PublicAddressesTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::127.0.0.1")]
    [InlineData("64:ff9b::a00:1")]
    [InlineData("2002:7f00:1::")]
    [InlineData("2001:db8::1")]
    public void IsNonPublic_PrivateLoopbackLinkLocalAndMapped_True(string address) => Assert.True(PublicAddresses.IsNonPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:4700::1111")]
    [InlineData("::ffff:93.184.216.34")]
    public void IsNonPublic_PublicAddresses_False(string address) => Assert.False(PublicAddresses.IsNonPublic(IPAddress.Parse(address)));

    [Fact]
    public async Task Handler_LoopbackServer_RefusedUnlessAllowed()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var serve = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync(TestContext.Current.CancellationToken);
            var stream = client.GetStream();
            var buffer = new byte[4096];
            _ = await stream.ReadAsync(buffer, TestContext.Current.CancellationToken);
            var response = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"u8.ToArray();
            await stream.WriteAsync(response, TestContext.Current.CancellationToken);
        }, TestContext.Current.CancellationToken);

        using var refused = new HttpClient(PublicAddresses.Handler(allowLoopback: false));
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => refused.GetStringAsync(new Uri($"http://localhost:{port}/"), TestContext.Current.CancellationToken));
        Assert.Contains("does not resolve to a public address", error.ToString(), StringComparison.Ordinal);

        using var allowed = new HttpClient(PublicAddresses.Handler(allowLoopback: true));
        Assert.Equal("ok", await allowed.GetStringAsync(new Uri($"http://127.0.0.1:{port}/"), TestContext.Current.CancellationToken));
        await serve;
    }
}
