using System.Text.Json.Nodes;

namespace MerchantPortal.StripeSandbox.Http;

/// <summary>
/// A parameter tree decoded from Stripe's bracket notation. <c>a[b]=1</c> nests a field, <c>a[]=x</c> and
/// <c>a[0]=x</c> both become fields named by their position, so arrays and hashes share one shape and a
/// reader decides which one it expects.
/// </summary>
internal abstract class FormNode
{
    public abstract JsonNode ToCanonicalJson();
}

/// <summary>A plain value.</summary>
internal sealed class FormText(string value) : FormNode
{
    public string Value { get; } = value;

    public override JsonNode ToCanonicalJson() => JsonValue.Create(Value);
}

/// <summary>A hash (or an array, when its field names are positions).</summary>
internal sealed class FormHash : FormNode
{
    private readonly Dictionary<string, FormNode> _fields = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public IEnumerable<string> Names => _order;

    public int Count => _order.Count;

    public FormNode? this[string name] => _fields.GetValueOrDefault(name);

    public void Set(string name, FormNode value)
    {
        if (_fields.TryAdd(name, value))
        {
            _order.Add(name);
        }
        else
        {
            _fields[name] = value;
        }
    }

    /// <summary>Keys sorted, so two requests with the same parameters in another order compare equal.</summary>
    public override JsonNode ToCanonicalJson()
    {
        var json = new JsonObject();
        foreach (var name in _order.Order(StringComparer.Ordinal))
        {
            json[name] = _fields[name].ToCanonicalJson();
        }

        return json;
    }
}
