namespace MerchantPortal.Refunds;

/// <summary>How a planned refund is to be made: where the money goes, why, and what started it.</summary>
internal sealed record RefundTerms(
    RefundDestination Destination,
    RefundReason Reason,
    string? Note,
    RefundOrigin Origin,
    bool NeedsApproval = false,
    Guid? RetryOfId = null,
    string? IdempotencyKey = null,
    bool SubmitInline = false);
