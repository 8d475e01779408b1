using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MerchantPortal.Orders;

/// <summary>
/// A hash of what a <see cref="PlaceOrder"/> asks for, independent of formatting and field order, so a
/// resent request is recognised as the same and a different one under the same key is a conflict.
/// </summary>
internal static class RequestFingerprint
{
    public static string Of(PlaceOrder request)
    {
        var canonical = new
        {
            merchant = request.MerchantId,
            customer = new
            {
                id = request.Customer.CustomerId,
                email = request.Customer.Email?.Trim().ToLowerInvariant(),
                phone = request.Customer.Phone?.Trim(),
                name = request.Customer.Name?.Trim(),
            },
            lines = request.Lines.Select(l => new
            {
                item = l.ItemId,
                quantity = OrderValidation.Canonical(l.Quantity),
                fields = (l.Fields ?? new Dictionary<string, string?>())
                    .OrderBy(f => f.Key, StringComparer.Ordinal)
                    .Select(f => new[] { f.Key, f.Value?.Trim() }),
            }),
            payment = new { method = request.Payment.Method.ToString(), id = request.Payment.PaymentMethodId },
            merchantOrderId = request.MerchantOrderId,
            notes = request.Notes,
            tags = request.Tags ?? [],
            metadata = (request.Metadata ?? new Dictionary<string, string>()).OrderBy(m => m.Key, StringComparer.Ordinal),
        };
        // The external reference joins only when present, so orders placed before it existed keep their fingerprint.
        var json = request.ExternalReference is { } externalReference
            ? JsonSerializer.Serialize(new { request = canonical, externalReference })
            : JsonSerializer.Serialize(canonical);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
    }
}
