using System.Collections.Concurrent;
using MerchantPortal.StripeSandbox.State;

namespace MerchantPortal.StripeSandbox.Http;

/// <summary>
/// Remembers the response to each request sent with an <c>Idempotency-Key</c> for 24 hours, and which keys are in
/// flight right now. Finished responses are also kept in the sandbox's data (and so its file), so they outlive a
/// restart; in-flight claims do not (a request cut off by a restart never answered).
/// </summary>
internal sealed class IdempotencyStore
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    private readonly ConcurrentDictionary<string, IdempotencyEntry> _entries = new();
    private readonly SandboxStore _store;
    private readonly TimeProvider _clock;
    private long _claims;

    public IdempotencyStore(SandboxStore store, TimeProvider clock)
    {
        _store = store;
        _clock = clock;
        foreach (var (key, record) in store.Read(context => context.Data.IdempotentResponses.ToList()))
        {
            _entries[key] = IdempotencyEntry.Finished(record);
        }
    }

    /// <summary>
    /// Claims <paramref name="key"/> for a new request, or returns the entry that already holds it
    /// (finished, to replay or refuse; or still running).
    /// </summary>
    public IdempotencyEntry? TryClaim(string key, string endpoint, out IdempotencyEntry claimed)
    {
        var now = _clock.GetUtcNow();
        if (Interlocked.Increment(ref _claims) % 256 == 0)
        {
            Prune(now);
        }

        claimed = new IdempotencyEntry(endpoint, now);
        while (true)
        {
            var existing = _entries.GetOrAdd(key, claimed);
            if (ReferenceEquals(existing, claimed))
            {
                return null;
            }

            if (existing.IsCompleted && now - existing.CreatedAt > Retention)
            {
                Forget(key, existing);
                continue;
            }

            return existing;
        }
    }

    /// <summary>Records the claimed request's response, to be replayed for the key from now on (also after a restart).</summary>
    public void Complete(string key, IdempotencyEntry claimed, string fingerprint, int statusCode, string contentType, byte[] body, string requestId)
    {
        var record = new IdempotentResponseRecord
        {
            Endpoint = claimed.Endpoint,
            Fingerprint = fingerprint,
            CreatedAt = claimed.CreatedAt,
            StatusCode = statusCode,
            ContentType = contentType,
            Body = body,
            OriginalRequestId = requestId,
        };
        _store.Write(ChangeOrigin.None, change => change.Data.IdempotentResponses[key] = record);
        claimed.Complete(record);
    }

    /// <summary>Frees a key whose request must not be replayed (it failed validation or broke), so it can be retried.</summary>
    public void Release(string key, IdempotencyEntry entry) => _entries.TryRemove(KeyValuePair.Create(key, entry));

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.IsCompleted && now - entry.CreatedAt > Retention)
            {
                Forget(key, entry);
            }
        }
    }

    private void Forget(string key, IdempotencyEntry entry)
    {
        if (_entries.TryRemove(KeyValuePair.Create(key, entry)))
        {
            _store.Write(ChangeOrigin.None, change => change.Data.IdempotentResponses.Remove(key));
        }
    }
}

/// <summary>One idempotency key: the request it was first used for and, once finished, its parameters and response.</summary>
internal sealed class IdempotencyEntry(string endpoint, DateTimeOffset createdAt)
{
    private volatile IdempotentResponseRecord? _response;

    public string Endpoint { get; } = endpoint;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public bool IsCompleted => _response is not null;

    /// <summary>The finished request's parameters and response; set once <see cref="IsCompleted"/>.</summary>
    public IdempotentResponseRecord Response => _response ?? throw new InvalidOperationException("The request has not finished.");

    public static IdempotencyEntry Finished(IdempotentResponseRecord record)
    {
        var entry = new IdempotencyEntry(record.Endpoint, record.CreatedAt);
        entry.Complete(record);
        return entry;
    }

    public void Complete(IdempotentResponseRecord response) => _response = response;
}
