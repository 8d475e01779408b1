namespace MerchantPortal.StripeSandbox.Http;

/// <summary>A change to an object's metadata: keys to set, keys to remove (null values), or everything cleared.</summary>
internal sealed record MetadataUpdate(bool ClearAll, IReadOnlyDictionary<string, string?> Changes)
{
    /// <summary>Applies the change, or throws and leaves <paramref name="metadata"/> untouched when it would exceed 50 keys.</summary>
    public void ApplyTo(Dictionary<string, string> metadata)
    {
        var result = ClearAll ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(metadata, StringComparer.Ordinal);
        foreach (var (key, value) in Changes)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                result[key] = value;
            }
        }

        if (result.Count > 50)
        {
            throw ApiErrors.InvalidValue("metadata", "Invalid metadata: metadata can have up to 50 keys.");
        }

        metadata.Clear();
        foreach (var (key, value) in result)
        {
            metadata[key] = value;
        }
    }

    public static Dictionary<string, string> Create(MetadataUpdate? update)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        update?.ApplyTo(metadata);
        return metadata;
    }
}
