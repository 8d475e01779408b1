namespace MerchantPortal.StripeSandbox.State;

/// <summary>A refund of (part of) a charge.</summary>
internal sealed class RefundRecord
{
    public required string Id { get; init; }

    public long Sequence { get; init; }

    public long Created { get; init; }

    public long Amount { get; init; }

    public required string Currency { get; init; }

    public required string Charge { get; init; }

    public required string PaymentIntent { get; init; }

    public string? Customer { get; init; }

    public string? PaymentMethod { get; init; }

    public string? Reason { get; init; }

    public Dictionary<string, string> Metadata { get; set; } = [];

    public required string Status { get; set; }

    public string? FailureReason { get; set; }

    public string? BalanceTransaction { get; init; }

    /// <summary>The balance transaction that gives the money back to the account when the refund fails.</summary>
    public string? FailureBalanceTransaction { get; set; }

    /// <summary>The acquirer reference number the card network gives a refund once it is sent to the card.</summary>
    public string? Reference { get; set; }

    /// <summary>The later status change still to come; null once applied, and for refunds that settle at once.</summary>
    public RefundSettlementRecord? Settlement { get; set; }
}
