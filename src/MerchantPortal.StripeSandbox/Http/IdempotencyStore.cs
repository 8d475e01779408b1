using System.Collections.Concurrent;

namespace MerchantPortal.StripeSandbox.Http;

/// <summary>
/// Remembers, per API key, the response to each request sent with an <c>Idempotency-Key</c> for 24 hours,
/// and which keys are in flight right now.
/// </summary>
internal sealed class IdempotencyStore(TimeProvider clock)
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    private readonly ConcurrentDictionary<(string ApiKey, string Key), IdempotencyEntry> _entries = new();
    private long _claims;

    /// <summary>
    /// Claims <paramref name="key"/> for a new request, or returns the entry that already holds it
    /// (finished, to replay or refuse; or still running).
    /// </summary>
    public IdempotencyEntry? TryClaim(string apiKey, string key, string endpoint, out IdempotencyEntry claimed)
    {
        var now = clock.GetUtcNow();
        if (Interlocked.Increment(ref _claims) % 256 == 0)
        {
            Prune(now);
        }

        claimed = new IdempotencyEntry(endpoint, now);
        while (true)
        {
            var existing = _entries.GetOrAdd((apiKey, key), claimed);
            if (ReferenceEquals(existing, claimed))
            {
                return null;
            }

            if (existing.IsCompleted && now - existing.CreatedAt > Retention)
            {
                _entries.TryRemove(KeyValuePair.Create((apiKey, key), existing));
                continue;
            }

            return existing;
        }
    }

    /// <summary>Frees a key whose request must not be replayed (it failed validation or broke), so it can be retried.</summary>
    public void Release(string apiKey, string key, IdempotencyEntry entry) =>
        _entries.TryRemove(KeyValuePair.Create((apiKey, key), entry));

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.IsCompleted && now - entry.CreatedAt > Retention)
            {
                _entries.TryRemove(KeyValuePair.Create(key, entry));
            }
        }
    }
}

/// <summary>One idempotency key: the request it was first used for and, once finished, its parameters and response.</summary>
internal sealed class IdempotencyEntry(string endpoint, DateTimeOffset createdAt)
{
    private volatile bool _completed;

    public string Endpoint { get; } = endpoint;

    public string Fingerprint { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public bool IsCompleted => _completed;

    public int StatusCode { get; private set; }

    public string ContentType { get; private set; } = "application/json";

    public byte[] Body { get; private set; } = [];

    public string OriginalRequestId { get; private set; } = "";

    public void Complete(string fingerprint, int statusCode, string contentType, byte[] body, string requestId)
    {
        Fingerprint = fingerprint;
        StatusCode = statusCode;
        ContentType = contentType;
        Body = body;
        OriginalRequestId = requestId;
        _completed = true;
    }
}
