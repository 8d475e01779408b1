using System.Net;

namespace MerchantPortal.Webhooks;

/// <summary>Finds the addresses of a webhook URL's host; replaceable so tests can answer what DNS would.</summary>
public interface IWebhookAddressResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct);
}

/// <summary>Asks the system's DNS resolver; an IP literal resolves to itself.</summary>
public sealed class DnsWebhookAddressResolver : IWebhookAddressResolver
{
    public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) =>
        IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
}
