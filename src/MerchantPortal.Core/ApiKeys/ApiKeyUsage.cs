namespace MerchantPortal.ApiKeys;

/// <summary>
/// How one key was used in one hour: the in-memory <see cref="ApiKeyUsageRecorder"/> adds its counts here in
/// batches, so the API writes nothing per request.
/// </summary>
public sealed class ApiKeyUsage
{
    private ApiKeyUsage()
    {
    }

    public Guid KeyId { get; private set; }

    /// <summary>The start of the hour (UTC) the counts belong to.</summary>
    public DateTime HourStart { get; private set; }

    public long Requests { get; private set; }

    /// <summary>Responses with a status of 400 or more.</summary>
    public long Errors { get; private set; }

    /// <summary>Responses replayed for a repeated idempotency key.</summary>
    public long Replays { get; private set; }

    /// <summary>Orders placed (201 to <c>POST /api/v1/orders</c>, replays not counted).</summary>
    public long Orders { get; private set; }

    internal static ApiKeyUsage Start(Guid keyId, DateTime hourStart, ApiKeyUsageCounts counts) => new()
    {
        KeyId = keyId,
        HourStart = hourStart,
        Requests = counts.Requests,
        Errors = counts.Errors,
        Replays = counts.Replays,
        Orders = counts.Orders,
    };
}

/// <summary>Counts of API calls; added up per key and hour.</summary>
public sealed record ApiKeyUsageCounts(long Requests, long Errors, long Replays, long Orders)
{
    public static ApiKeyUsageCounts None { get; } = new(0, 0, 0, 0);

    public ApiKeyUsageCounts Add(ApiKeyUsageCounts other) =>
        new(Requests + other.Requests, Errors + other.Errors, Replays + other.Replays, Orders + other.Orders);
}
