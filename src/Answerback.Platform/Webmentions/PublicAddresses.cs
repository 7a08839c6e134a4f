using System.Net;
using System.Net.Sockets;

namespace Answerback.Platform.Webmentions;

/// <summary>
/// Which addresses a server-side fetch of someone else's URL may connect to: public unicast only.
/// Checked on the address the connection actually uses (after name resolution, on every redirect),
/// never on the URL's text, so a name that resolves to 127.0.0.1 or a redirect to 10.0.0.1 is refused.
/// </summary>
public static class PublicAddresses
{
    /// <summary>True for loopback, private, link-local, unique-local, carrier-grade NAT, multicast, unspecified, documentation and reserved ranges (IPv4, IPv6 and IPv4-mapped IPv6).</summary>
    public static bool IsNonPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] switch
            {
                0 or 10 or 127 => true,
                100 => b[1] is >= 64 and <= 127,        // carrier-grade NAT 100.64/10
                169 => b[1] == 254,                     // link-local (cloud metadata 169.254.169.254)
                172 => b[1] is >= 16 and <= 31,
                192 => (b[1] == 168) || (b[1] == 0 && b[2] is 0 or 2) || (b[1] == 88 && b[2] == 99),
                198 => b[1] is 18 or 19 || (b[1] == 51 && b[2] == 100),
                203 => b[1] == 0 && b[2] == 113,
                >= 224 => true,                         // multicast and reserved, broadcast
                _ => false,
            };
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any)
                || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal)
            {
                return true;
            }

            var b = address.GetAddressBytes();
            // IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002::/16) embed an IPv4 address: judge that one.
            if (b[..12].All(x => x == 0))
            {
                return IsNonPublic(new IPAddress(b[12..]));
            }

            if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b)
            {
                return IsNonPublic(new IPAddress(b[12..]));
            }

            if (b[0] == 0x20 && b[1] == 0x02)
            {
                return IsNonPublic(new IPAddress(b[2..6]));
            }

            return b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8; // documentation 2001:db8::/32
        }

        return true;
    }

    /// <summary>
    /// A handler whose every connection (the first and each redirect's) resolves the name itself
    /// and connects only to a public address, unless <paramref name="allowLoopback"/> (tests only)
    /// lets loopback through; redirects, time and response size are limited by the caller's client.
    /// </summary>
    public static SocketsHttpHandler Handler(bool allowLoopback, int maxRedirects = 3) => new()
    {
        AllowAutoRedirect = maxRedirects > 0,
        MaxAutomaticRedirections = Math.Max(1, maxRedirects),
        UseProxy = false,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        ConnectCallback = async (context, ct) =>
        {
            var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, ct);
            var allowed = addresses.Where(a => !IsNonPublic(a) || (allowLoopback && IPAddress.IsLoopback(a))).ToList();
            if (allowed.Count == 0)
            {
                throw new HttpRequestException($"Refused: {context.DnsEndPoint.Host} does not resolve to a public address.");
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed[0], context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
