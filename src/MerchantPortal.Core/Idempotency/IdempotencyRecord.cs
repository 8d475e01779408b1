namespace MerchantPortal.Idempotency;

/// <summary>
/// What one <c>Idempotency-Key</c> of a merchant was used for: a fingerprint of the request, whether it is
/// still running, and once it is done the status it answered with and the resource it made or changed, so a
/// replay can show that resource's current state. Only successful requests are kept (<see cref="IdempotencyStore"/>).
/// </summary>
public sealed class IdempotencyRecord
{
    private IdempotencyRecord()
    {
    }

    public Guid MerchantId { get; private set; }

    public string Key { get; private set; } = "";

    /// <summary>SHA-256 of the operation and its body; the same key with another fingerprint is a conflict.</summary>
    public string RequestHash { get; private set; } = "";

    public IdempotencyState State { get; private set; }

    public int StatusCode { get; private set; }

    /// <summary>The kind of resource the request made or changed, e.g. <c>order</c>, <c>refund</c>.</summary>
    public string? ResourceType { get; private set; }

    public string? ResourceId { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? CompletedAt { get; private set; }

    internal static IdempotencyRecord Start(Guid merchantId, string key, string requestHash, DateTime now) => new()
    {
        MerchantId = merchantId,
        Key = key,
        RequestHash = requestHash,
        State = IdempotencyState.InProgress,
        CreatedAt = now,
    };
}

public enum IdempotencyState
{
    InProgress,
    Done,
}
