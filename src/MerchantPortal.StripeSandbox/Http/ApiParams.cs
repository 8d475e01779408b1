using System.Globalization;

namespace MerchantPortal.StripeSandbox.Http;

/// <summary>
/// Typed reads of request parameters. Every failure is a 400 naming the parameter the way Stripe does,
/// nested ones included (<c>card[exp_month]</c>).
/// </summary>
internal sealed class ApiParams(FormHash hash, string prefix = "")
{
    private const int MaxStringLength = 5000;

    public bool Has(string name) => hash[name] is not null;

    public string NameOf(string name) => prefix.Length == 0 ? name : $"{prefix}[{name}]";

    /// <summary>Refuses parameters the endpoint does not know, as Stripe does; <c>expand</c> is always allowed at the top.</summary>
    public void AllowOnly(params string[] names)
    {
        foreach (var name in hash.Names)
        {
            if (!names.Contains(name, StringComparer.Ordinal) && !(prefix.Length == 0 && name == "expand"))
            {
                throw ApiErrors.UnknownParam(NameOf(name));
            }
        }
    }

    /// <summary>The raw text of a parameter; an empty string is returned as given (it means "unset" on updates).</summary>
    public string? String(string name)
    {
        switch (hash[name])
        {
            case null:
                return null;
            case FormText text when text.Value.Length > MaxStringLength:
                throw ApiErrors.InvalidValue(NameOf(name), $"Invalid string: {text.Value[..20]}...; must be at most {MaxStringLength} characters");
            case FormText text:
                return text.Value;
            default:
                throw ApiErrors.InvalidValue(NameOf(name), $"Invalid string: {NameOf(name)} must be a string, not a hash.");
        }
    }

    /// <summary>A text parameter where an empty value counts as absent.</summary>
    public string? Text(string name) => String(name) is { Length: > 0 } value ? value : null;

    public string RequiredText(string name) => Text(name) ?? throw ApiErrors.MissingParam(NameOf(name));

    public long? Long(string name)
    {
        var text = Text(name);
        if (text is null)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ApiErrors.InvalidValue(NameOf(name), $"Invalid integer: {text}");
    }

    public int? Int(string name)
    {
        var value = Long(name);
        return value is null or (>= int.MinValue and <= int.MaxValue)
            ? (int?)value
            : throw ApiErrors.InvalidValue(NameOf(name), $"Invalid integer: {value}");
    }

    public bool? Bool(string name) => Text(name) switch
    {
        null => null,
        "true" => true,
        "false" => false,
        var other => throw ApiErrors.InvalidValue(NameOf(name), $"Invalid boolean: {other}"),
    };

    /// <summary>One of a fixed set of words.</summary>
    public string? OneOf(string name, params string[] allowed)
    {
        var text = Text(name);
        if (text is null || allowed.Contains(text, StringComparer.Ordinal))
        {
            return text;
        }

        var choices = allowed.Length == 1 ? allowed[0] : $"{string.Join(", ", allowed[..^1])}, or {allowed[^1]}";
        throw ApiErrors.InvalidValue(NameOf(name), $"Invalid {NameOf(name)}: must be one of {choices}");
    }

    /// <summary>A nested hash; an empty text value (<c>address=</c>) reads as absent.</summary>
    public ApiParams? Hash(string name) => hash[name] switch
    {
        null => null,
        FormHash inner => new ApiParams(inner, NameOf(name)),
        FormText { Value.Length: 0 } => null,
        _ => throw ApiErrors.InvalidValue(NameOf(name), $"Invalid object: {NameOf(name)} must be a hash."),
    };

    /// <summary>An array given as <c>name[]=…</c> or <c>name[0]=…</c>.</summary>
    public IReadOnlyList<string>? List(string name)
    {
        switch (hash[name])
        {
            case null:
                return null;
            case FormText { Value.Length: 0 }:
                return [];
            case FormHash items when items.Names.All(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out _)):
                return items.Names
                    .OrderBy(n => int.Parse(n, CultureInfo.InvariantCulture))
                    .Select(n => items[n] is FormText text
                        ? text.Value
                        : throw ApiErrors.InvalidValue($"{NameOf(name)}[{n}]", $"Invalid string: {NameOf(name)}[{n}] must be a string."))
                    .ToList();
            default:
                throw ApiErrors.InvalidValue(NameOf(name), $"Invalid array: {NameOf(name)} must be an array.");
        }
    }

    /// <summary>
    /// Metadata as Stripe reads it: at most 50 keys of up to 40 characters with values of up to 500; an
    /// empty value removes a key and <c>metadata=</c> removes them all.
    /// </summary>
    public MetadataUpdate? Metadata(string name = "metadata")
    {
        var param = NameOf(name);
        switch (hash[name])
        {
            case null:
                return null;
            case FormText { Value.Length: 0 }:
                return new MetadataUpdate(true, new Dictionary<string, string?>());
            case FormText:
                throw ApiErrors.InvalidValue(param, $"Invalid object: {param} must be a hash.");
        }

        var entries = (FormHash)hash[name]!;
        var changes = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var key in entries.Names)
        {
            var keyParam = $"{param}[{key}]";
            if (entries[key] is not FormText text)
            {
                throw ApiErrors.InvalidValue(keyParam, $"Invalid string: {keyParam} must be a string.");
            }

            if (key.Length > 40)
            {
                throw ApiErrors.InvalidValue(keyParam, $"Metadata keys can have up to 40 characters, but you passed in a key that is {key.Length} characters.");
            }

            if (text.Value.Length > 500)
            {
                throw ApiErrors.InvalidValue(keyParam, $"Metadata values can have up to 500 characters, but you passed in a value that is {text.Value.Length} characters.");
            }

            changes[key] = text.Value.Length == 0 ? null : text.Value;
        }

        if (changes.Count > 50)
        {
            throw ApiErrors.InvalidValue(param, "Invalid metadata: metadata can have up to 50 keys.");
        }

        return new MetadataUpdate(false, changes);
    }

    /// <summary>The <c>expand[]</c> paths of the request.</summary>
    public IReadOnlyList<string> Expand() => List("expand") ?? [];
}
