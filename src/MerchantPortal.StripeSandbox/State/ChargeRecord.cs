namespace MerchantPortal.StripeSandbox.State;

/// <summary>A charge a PaymentIntent confirmation made, succeeded or failed.</summary>
internal sealed class ChargeRecord
{
    public required string Id { get; init; }

    public long Sequence { get; init; }

    public long Created { get; init; }

    public long Amount { get; init; }

    public required string Currency { get; init; }

    public string? Customer { get; init; }

    public string? Description { get; init; }

    public Dictionary<string, string> Metadata { get; init; } = [];

    public required string PaymentIntent { get; init; }

    public required string PaymentMethod { get; init; }

    public required CardRecord Card { get; init; }

    public BillingDetailsRecord BillingDetails { get; init; } = BillingDetailsRecord.None;

    public required string Status { get; init; }

    public string? FailureCode { get; init; }

    public string? FailureMessage { get; init; }

    public string? DeclineCode { get; init; }

    public string? BalanceTransaction { get; init; }

    public string? AuthorizationCode { get; init; }

    public string? NetworkTransactionId { get; init; }

    /// <summary>Whether the payment went through a 3-D Secure challenge.</summary>
    public bool Authenticated { get; init; }

    public string? ReceiptEmail { get; init; }

    public string? StatementDescriptor { get; init; }

    public string? StatementDescriptorSuffix { get; init; }

    public long AmountRefunded { get; set; }
}
