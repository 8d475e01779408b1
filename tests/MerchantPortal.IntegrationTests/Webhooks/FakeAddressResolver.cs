using System.Net;
using MerchantPortal.Webhooks;

namespace MerchantPortal.IntegrationTests.Webhooks;

/// <summary>Answers every host with the addresses the test set, as a DNS server under someone else's control might.</summary>
public sealed class FakeAddressResolver : IWebhookAddressResolver
{
    public IPAddress[] Answer { get; set; } = [IPAddress.Parse("203.0.113.10")];

    public List<string> Asked { get; } = [];

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct)
    {
        Asked.Add(host);
        return Task.FromResult(Answer);
    }
}
