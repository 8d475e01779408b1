namespace MerchantPortal.StripeSandbox.State;

/// <summary>A card PaymentMethod.</summary>
internal sealed class PaymentMethodRecord
{
    public required string Id { get; init; }

    public long Sequence { get; init; }

    public long Created { get; init; }

    public required CardRecord Card { get; init; }

    public BillingDetailsRecord BillingDetails { get; set; } = BillingDetailsRecord.None;

    public Dictionary<string, string> Metadata { get; set; } = [];

    public string? Customer { get; set; }

    /// <summary>
    /// Detached, or used for a payment without being attached to a customer: Stripe refuses to use such a
    /// payment method again.
    /// </summary>
    public bool Spent { get; set; }
}
