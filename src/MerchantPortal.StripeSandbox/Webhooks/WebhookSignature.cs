using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MerchantPortal.StripeSandbox.Webhooks;

/// <summary>
/// Stripe's <c>Stripe-Signature</c> header: <c>t=&lt;unix time&gt;,v1=&lt;hex HMAC-SHA256&gt;</c>, the HMAC keyed
/// with the endpoint secret (the whole <c>whsec_…</c> string) over <c>"&lt;t&gt;.&lt;payload&gt;"</c>.
/// </summary>
internal static class WebhookSignature
{
    public static string Header(string secret, long timestamp, string payload)
    {
        var t = timestamp.ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{payload}"));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }
}
