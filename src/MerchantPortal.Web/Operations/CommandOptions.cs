namespace MerchantPortal.Web.Operations;

/// <summary><c>--key value</c> pairs; null when the arguments do not have that shape.</summary>
internal sealed class CommandOptions(Dictionary<string, string> values)
{
    public string? Get(string key) => values.GetValueOrDefault(key);

    public static CommandOptions? Parse(IEnumerable<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var key = e.Current;
            if (!key.StartsWith("--", StringComparison.Ordinal) || !e.MoveNext())
            {
                return null;
            }

            values[key[2..]] = e.Current;
        }

        return new CommandOptions(values);
    }
}
