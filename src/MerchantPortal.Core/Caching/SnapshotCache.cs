using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace MerchantPortal.Caching;

/// <summary>
/// Snapshots by key, each served for at most <c>maxAge</c>. <see cref="Forget"/> drops the entries whose change
/// notice key matches. A value read from the database is stored only if nothing was dropped since the read began
/// (<see cref="Generation"/>): otherwise a look-up racing a change could put the old value back until it ages out.
/// </summary>
internal sealed class SnapshotCache<TKey, TValue>(TimeProvider clock, TimeSpan maxAge, Func<TValue, string> noticeKey)
    where TKey : notnull
    where TValue : class
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();
    private readonly Lock _gate = new();
    private long _generation;

    /// <summary>Take it before reading the database and hand it to <see cref="Store"/>.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            if (clock.GetUtcNow() < entry.ExpiresAt)
            {
                value = entry.Value;
                return true;
            }

            _entries.TryRemove(new KeyValuePair<TKey, Entry>(key, entry));
        }

        value = null;
        return false;
    }

    public void Store(TKey key, TValue value, long generation)
    {
        lock (_gate)
        {
            if (_generation == generation)
            {
                _entries[key] = new Entry(value, clock.GetUtcNow() + maxAge);
            }
        }
    }

    /// <summary>Drops every entry the notice key names (e.g. an API key's id, while entries are keyed by secret hash).</summary>
    public void Forget(string key)
    {
        lock (_gate)
        {
            Interlocked.Increment(ref _generation);
            foreach (var (entryKey, entry) in _entries)
            {
                if (noticeKey(entry.Value) == key)
                {
                    _entries.TryRemove(entryKey, out _);
                }
            }
        }
    }

    private sealed record Entry(TValue Value, DateTimeOffset ExpiresAt);
}
