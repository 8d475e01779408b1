using MerchantPortal.Catalog;

namespace MerchantPortal.Fulfilment;

/// <summary>
/// Delivers a top-up or service line through an outside provider. Calls carry an idempotency key (the
/// line id): a repeated call for a line already delivered must return the first result, not deliver twice.
/// </summary>
public interface IFulfilmentProvider
{
    Task<ProviderResult> FulfilAsync(ProviderRequest request, CancellationToken ct);
}

public sealed record ProviderRequest(
    string IdempotencyKey,
    Guid OrderId,
    string Sku,
    ProductType Type,
    string Currency,
    long? FaceValueMinor,
    IReadOnlyList<LineFieldValue> Fields,
    FulfilmentBehaviour Behaviour);

public sealed record ProviderResult(bool Succeeded, string? Reference, string? ErrorMessage)
{
    public static ProviderResult Success(string reference) => new(true, reference, null);

    public static ProviderResult Failure(string message) => new(false, null, message);
}
