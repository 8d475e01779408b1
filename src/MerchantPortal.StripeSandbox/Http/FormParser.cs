using Microsoft.Extensions.Primitives;

namespace MerchantPortal.StripeSandbox.Http;

/// <summary>Builds a <see cref="FormHash"/> from form or query pairs written in Stripe's bracket notation.</summary>
internal static class FormParser
{
    public static FormHash Parse(IEnumerable<KeyValuePair<string, StringValues>> pairs)
    {
        var root = new FormHash();
        foreach (var (key, values) in pairs)
        {
            var path = SplitKey(key);
            foreach (var value in values)
            {
                Add(root, key, path, value ?? string.Empty);
            }
        }

        return root;
    }

    private static List<string> SplitKey(string key)
    {
        var open = key.IndexOf('[', StringComparison.Ordinal);
        if (open <= 0)
        {
            return [key];
        }

        var segments = new List<string> { key[..open] };
        var rest = key[open..];
        while (rest.Length > 0)
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            if (rest[0] != '[' || close < 0)
            {
                throw ApiErrors.InvalidRequest($"Invalid parameter name: {key}", key);
            }

            segments.Add(rest[1..close]);
            rest = rest[(close + 1)..];
        }

        return segments;
    }

    private static void Add(FormHash root, string key, List<string> path, string value)
    {
        var hash = root;
        for (var i = 0; i < path.Count; i++)
        {
            var name = path[i].Length == 0 ? hash.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) : path[i];
            if (i == path.Count - 1)
            {
                if (hash[name] is FormHash)
                {
                    throw ApiErrors.InvalidRequest($"Invalid hash: {key} is given both as a value and as a hash.", key);
                }

                hash.Set(name, new FormText(value));
                return;
            }

            switch (hash[name])
            {
                case FormHash inner:
                    hash = inner;
                    break;
                case FormText:
                    throw ApiErrors.InvalidRequest($"Invalid hash: {key} is given both as a value and as a hash.", key);
                default:
                    var created = new FormHash();
                    hash.Set(name, created);
                    hash = created;
                    break;
            }
        }
    }
}
