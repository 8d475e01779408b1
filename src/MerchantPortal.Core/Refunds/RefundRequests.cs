using MerchantPortal.Orders;

namespace MerchantPortal.Refunds;

/// <summary>
/// A request to refund units of an order. Without <see cref="Lines"/>, every unit neither delivered nor
/// refunded is refunded. Without <see cref="Destination"/>, the money goes back where the order was paid
/// from. <see cref="IdempotencyKey"/> makes the request safe to send again.
/// </summary>
public sealed record RequestRefund(
    Guid OrderId,
    IReadOnlyList<RefundLineRequest>? Lines,
    RefundDestination? Destination,
    RefundReason Reason,
    string? Note = null,
    string? IdempotencyKey = null);

/// <summary>Units of one order line to refund.</summary>
public sealed record RefundLineRequest(long LineId, int Units);

/// <summary>The refund made (or found again, for a resent request).</summary>
public sealed record RequestedRefund(Refund Refund, bool Replayed);

/// <summary>What a refund of the given units would return, line by line, and whether it waits for a second person.</summary>
public sealed record RefundQuote(IReadOnlyList<RefundQuoteLine> Lines, long AmountMinor, string Currency, bool NeedsApproval);

public sealed record RefundQuoteLine(long LineId, int LineNumber, string Name, int Units, long SubtotalMinor, long FeeMinor, long TaxMinor, long AmountMinor);

/// <summary>An order as the refund dialog sees it: what each line has left, and where money can go.</summary>
public sealed record RefundableOrder(
    Guid OrderId,
    string Reference,
    string Currency,
    PaymentMethodKind PaymentMethod,
    string? CardBrand,
    string? CardLast4,
    IReadOnlyList<RefundDestination> Destinations,
    RefundDestination DefaultDestination,
    IReadOnlyList<RefundableLine> Lines,
    long? ApprovalThresholdMinor,
    long HeldMinor,
    Common.Error? Refusal)
{
    /// <summary>Whether anything can be refunded now; otherwise <see cref="Refusal"/> says why.</summary>
    public bool CanRefund => Refusal is null;
}

public sealed record RefundableLine(long LineId, int LineNumber, string Name, Catalog.ProductType Type, int Units, int DeliveredUnits, int RefundedUnits)
{
    public int RemainingUnits => Units - DeliveredUnits - RefundedUnits;
}
