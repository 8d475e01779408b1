using System.Text.Json.Nodes;
using MerchantPortal.StripeSandbox.Http;

namespace MerchantPortal.StripeSandbox.Objects;

/// <summary>
/// Stripe's <c>expand[]</c>: replaces an id with the object it names, along dotted paths
/// (<c>latest_charge.customer</c>, <c>data.customer</c> in lists), at most four levels deep.
/// </summary>
internal static class Expansion
{
    /// <summary>For each object type, the fields that hold an id that can be expanded, and the type of that object.</summary>
    private static readonly Dictionary<string, (string[] Path, string Type)[]> Expandable = new(StringComparer.Ordinal)
    {
        ["customer"] = [(["invoice_settings", "default_payment_method"], "payment_method")],
        ["payment_method"] = [(["customer"], "customer")],
        ["setup_intent"] = [(["customer"], "customer"), (["payment_method"], "payment_method")],
        ["payment_intent"] = [(["customer"], "customer"), (["payment_method"], "payment_method"), (["latest_charge"], "charge")],
        ["charge"] = [(["customer"], "customer"), (["payment_intent"], "payment_intent")],
        ["refund"] = [(["charge"], "charge"), (["payment_intent"], "payment_intent")],
    };

    /// <summary>Throws Stripe's 400 for a path that cannot be expanded on what the endpoint returns.</summary>
    public static void Validate(ReturnsObject returns, IReadOnlyList<string> paths)
    {
        foreach (var path in paths)
        {
            var rest = path.Split('.');
            if (rest.Length > 4)
            {
                throw ApiErrors.InvalidValue("expand", $"You cannot expand more than 4 levels of a property. Property: {path}");
            }

            if (returns.IsList)
            {
                rest = rest is ["data", _, ..] ? rest[1..] : throw CannotExpand(path);
            }

            var type = returns.Type;
            while (rest.Length > 0)
            {
                var (field, target) = Match(type, rest) ?? throw CannotExpand(path);
                type = target;
                rest = rest[field.Length..];
            }
        }
    }

    /// <summary>Expands paths already checked by <see cref="Validate"/>; ids of objects that no longer exist stay ids.</summary>
    public static void Apply(RenderContext context, JsonObject target, IReadOnlyList<string> paths)
    {
        foreach (var path in paths)
        {
            Expand(context, target, path.Split('.'));
        }
    }

    private static void Expand(RenderContext context, JsonObject target, string[] segments)
    {
        var type = target["object"]?.GetValue<string>() ?? "";
        if (type == "list")
        {
            foreach (var item in target["data"]!.AsArray())
            {
                Expand(context, item!.AsObject(), segments[1..]);
            }

            return;
        }

        if (Match(type, segments) is not var (field, _))
        {
            return;
        }

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
            Expand(context, expanded, segments[field.Length..]);
        }
    }

    private static (string[] Path, string Type)? Match(string type, string[] segments) =>
        Expandable.GetValueOrDefault(type, [])
            .Select(f => ((string[] Path, string Type)?)f)
            .FirstOrDefault(f => segments.Length >= f!.Value.Path.Length && f.Value.Path.AsSpan().SequenceEqual(segments.AsSpan(0, f.Value.Path.Length)));

    private static JsonObject Replace(JsonObject parent, string name, JsonObject value)
    {
        parent[name] = value;
        return value;
    }

    private static StripeApiException CannotExpand(string path) =>
        ApiErrors.InvalidValue("expand", $"This property cannot be expanded ({path}).");
}
