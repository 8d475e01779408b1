using System.Text.Json.Nodes;
using MerchantPortal.StripeSandbox.State;

namespace MerchantPortal.StripeSandbox.Objects;

/// <summary>Pieces several objects share: metadata, addresses, billing details, string arrays.</summary>
internal static class JsonParts
{
    public static JsonObject Metadata(IReadOnlyDictionary<string, string> metadata)
    {
        var json = new JsonObject();
        foreach (var (key, value) in metadata.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            json[key] = value;
        }

        return json;
    }

    public static JsonObject Address(AddressRecord? address) => new()
    {
        ["city"] = address?.City,
        ["country"] = address?.Country,
        ["line1"] = address?.Line1,
        ["line2"] = address?.Line2,
        ["postal_code"] = address?.PostalCode,
        ["state"] = address?.State,
    };

    public static JsonObject BillingDetails(BillingDetailsRecord details) => new()
    {
        ["address"] = Address(details.Address),
        ["email"] = details.Email,
        ["name"] = details.Name,
        ["phone"] = details.Phone,
        ["tax_id"] = null,
    };

    public static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    /// <summary>Stripe's objects begin with <c>id</c> and <c>object</c>.</summary>
    public static JsonObject Head(string id, string type) => new() { ["id"] = id, ["object"] = type };
}
