using System.Net;

namespace MerchantPortal.Webhooks;

/// <summary>
/// Which addresses a webhook may be sent to: only public unicast ones. Anything else would let a merchant make the
/// portal call into its own network — loopback, private ranges, link-local (where cloud metadata services live),
/// carrier-grade NAT, multicast and reserved ranges.
/// </summary>
public static class PublicAddresses
{
    private static readonly IPNetwork[] Internal =
    [
        IPNetwork.Parse("0.0.0.0/8"), // "this network", includes the unspecified address
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("100.64.0.0/10"), // carrier-grade NAT; also Alibaba Cloud's metadata service
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), // link-local; 169.254.169.254 is the cloud metadata service
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"),
        IPNetwork.Parse("224.0.0.0/4"), // multicast
        IPNetwork.Parse("240.0.0.0/4"), // reserved and broadcast
        IPNetwork.Parse("::/128"),
        IPNetwork.Parse("::1/128"),
        IPNetwork.Parse("64:ff9b::/96"), // NAT64: would reach any IPv4 address, internal ones included
        IPNetwork.Parse("fc00::/7"), // unique local; AWS's IPv6 metadata service is fd00:ec2::254
        IPNetwork.Parse("fe80::/10"),
        IPNetwork.Parse("fec0::/10"),
        IPNetwork.Parse("ff00::/8"),
    ];

    public static bool IsPublic(IPAddress address)
    {
        var normal = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return !Internal.Any(network => network.Contains(normal));
    }
}
