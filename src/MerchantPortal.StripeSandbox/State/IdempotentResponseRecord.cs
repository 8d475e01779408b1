namespace MerchantPortal.StripeSandbox.State;

/// <summary>
/// A finished request sent with an <c>Idempotency-Key</c>, kept in the data file so a retry after a restart of the
/// sandbox is replayed, as Stripe would, rather than run twice.
/// </summary>
internal sealed class IdempotentResponseRecord
{
    public required string Endpoint { get; init; }

    public required string Fingerprint { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required int StatusCode { get; init; }

    public required string ContentType { get; init; }

    public required byte[] Body { get; init; }

    public required string OriginalRequestId { get; init; }
}
