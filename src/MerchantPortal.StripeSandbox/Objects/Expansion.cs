using System.Text.Json.Nodes;
using MerchantPortal.StripeSandbox.Http;

namespace MerchantPortal.StripeSandbox.Objects;

/// <summary>
/// Stripe's <c>expand[]</c>: replaces an id with the object it names, along dotted paths
/// (<c>latest_charge.customer</c>, <c>data.customer</c> in lists), at most four levels deep.
/// </summary>
internal static class Expansion
{
    private static readonly Dictionary<string, string[][]> Expandable = new(StringComparer.Ordinal)
    {
        ["customer"] = [["invoice_settings", "default_payment_method"]],
        ["payment_method"] = [["customer"]],
        ["setup_intent"] = [["customer"], ["payment_method"]],
        ["payment_intent"] = [["customer"], ["payment_method"], ["latest_charge"]],
        ["charge"] = [["customer"], ["payment_intent"]],
        ["refund"] = [["charge"], ["payment_intent"]],
    };

    public static void Apply(RenderContext context, JsonObject target, IReadOnlyList<string> paths)
    {
        foreach (var path in paths)
        {
            var segments = path.Split('.');
            if (segments.Length > 4)
            {
                throw ApiErrors.InvalidValue("expand", $"You cannot expand more than 4 levels of a property. Property: {path}");
            }

            Expand(context, target, segments, path);
        }
    }

    private static void Expand(RenderContext context, JsonObject target, string[] segments, string path)
    {
        var type = target["object"]?.GetValue<string>() ?? "";
        if (type == "list")
        {
            if (segments is not ["data", _, ..])
            {
                throw CannotExpand(path);
            }

            foreach (var item in target["data"]!.AsArray())
            {
                Expand(context, item!.AsObject(), segments[1..], path);
            }

            return;
        }

        var field = Expandable.GetValueOrDefault(type, [])
            .FirstOrDefault(f => segments.Length >= f.Length && f.AsSpan().SequenceEqual(segments.AsSpan(0, f.Length)))
            ?? throw CannotExpand(path);

        var parent = target;
        foreach (var name in field[..^1])
        {
            if (parent[name] is not JsonObject inner)
            {
                return;
            }

            parent = inner;
        }

        var expanded = parent[field[^1]] switch
        {
            JsonObject already => already,
            JsonValue value when value.TryGetValue<string>(out var id) && ObjectLookup.Render(context, id) is { } found => Replace(parent, field[^1], found),
            _ => null,
        };
        if (expanded is not null && segments.Length > field.Length)
        {
            Expand(context, expanded, segments[field.Length..], path);
        }
    }

    private static JsonObject Replace(JsonObject parent, string name, JsonObject value)
    {
        parent[name] = value;
        return value;
    }

    private static StripeApiException CannotExpand(string path) =>
        ApiErrors.InvalidValue("expand", $"This property cannot be expanded ({path}).");
}
