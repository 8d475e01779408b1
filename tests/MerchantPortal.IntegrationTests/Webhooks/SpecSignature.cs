using System.Security.Cryptography;
using System.Text;
using MerchantPortal.Testing;

namespace MerchantPortal.IntegrationTests.Webhooks;

/// <summary>
/// The Standard Webhooks signature written from the spec, independently of the package the portal signs with:
/// <c>v1,</c> + base64(HMAC-SHA256(key = base64-decoded secret after <c>whsec_</c>, "{id}.{timestamp}.{body}")).
/// </summary>
public static class SpecSignature
{
    public static string Compute(string secret, string id, string timestamp, string body)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));
        return "v1," + Convert.ToBase64String(mac);
    }

    public static bool IsSignedWith(ReceivedWebhook webhook, string secret) =>
        webhook.Signatures.Contains(Compute(secret, webhook.Id, webhook.Timestamp, webhook.Body), StringComparer.Ordinal);
}
