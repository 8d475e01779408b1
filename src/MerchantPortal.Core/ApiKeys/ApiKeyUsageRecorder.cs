namespace MerchantPortal.ApiKeys;

/// <summary>
/// Counts API calls per key and hour in memory, with each key's last use, so a request costs no database
/// write; <see cref="ApiKeyUsageWriter"/> adds the counts to the database in batches.
/// </summary>
public sealed class ApiKeyUsageRecorder(TimeProvider clock)
{
    private readonly Lock _gate = new();
    private Dictionary<(Guid KeyId, DateTime HourStart), ApiKeyUsageCounts> _counts = [];
    private Dictionary<Guid, ApiKeyLastUse> _lastUse = [];

    /// <summary>Records one call made with the key, answered now.</summary>
    public void Record(Guid keyId, ApiKeyUsageCounts call, string? ip)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var bucket = (keyId, HourOf(now));
        lock (_gate)
        {
            _counts[bucket] = _counts.TryGetValue(bucket, out var counted) ? counted.Add(call) : call;
            _lastUse[keyId] = new ApiKeyLastUse(now, ip);
        }
    }

    /// <summary>The start of the hour an instant falls in.</summary>
    public static DateTime HourOf(DateTime utc) => new(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc);

    /// <summary>Everything recorded since the last take; the recorder starts again from nothing.</summary>
    internal ApiKeyUsageBatch Take()
    {
        lock (_gate)
        {
            var batch = new ApiKeyUsageBatch(_counts, _lastUse);
            _counts = [];
            _lastUse = [];
            return batch;
        }
    }

    /// <summary>Puts back a batch that could not be written, so its counts go out with the next one.</summary>
    internal void Return(ApiKeyUsageBatch batch)
    {
        lock (_gate)
        {
            foreach (var (bucket, counts) in batch.Counts)
            {
                _counts[bucket] = _counts.TryGetValue(bucket, out var counted) ? counted.Add(counts) : counts;
            }

            foreach (var (keyId, use) in batch.LastUse)
            {
                if (!_lastUse.TryGetValue(keyId, out var newer) || newer.At < use.At)
                {
                    _lastUse[keyId] = use;
                }
            }
        }
    }
}

/// <summary>When and from where a key was last used.</summary>
public sealed record ApiKeyLastUse(DateTime At, string? Ip);

/// <summary>Usage taken from the recorder, to be written in one go.</summary>
internal sealed record ApiKeyUsageBatch(
    IReadOnlyDictionary<(Guid KeyId, DateTime HourStart), ApiKeyUsageCounts> Counts, IReadOnlyDictionary<Guid, ApiKeyLastUse> LastUse)
{
    public bool IsEmpty => Counts.Count == 0 && LastUse.Count == 0;
}
