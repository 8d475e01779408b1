using System.Text.Json.Nodes;

namespace MerchantPortal.StripeSandbox.Objects;

/// <summary>Stripe's list envelope: <c>{"object":"list","data":[…],"has_more":…,"url":…}</c>.</summary>
internal static class ListObject
{
    public static JsonObject Render(IEnumerable<JsonObject> items, bool hasMore, string url) => new()
    {
        ["object"] = "list",
        ["data"] = new JsonArray(items.Select(i => (JsonNode?)i).ToArray()),
        ["has_more"] = hasMore,
        ["url"] = url,
    };
}
