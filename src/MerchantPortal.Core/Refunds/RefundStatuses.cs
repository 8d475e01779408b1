namespace MerchantPortal.Refunds;

/// <summary>
/// Where a refund is: <c>pending_approval</c> → <c>rejected</c>, or <c>pending</c> → <c>succeeded</c> | <c>failed</c>.
/// A card refund that first succeeded may still fail later (Stripe says so by webhook); it is then reversed.
/// </summary>
public enum RefundStatus
{
    PendingApproval,
    Rejected,
    Pending,
    Succeeded,
    Failed,
}

/// <summary>Where the money goes back to.</summary>
public enum RefundDestination
{
    /// <summary>The card the order was paid with: a Stripe Refund on its PaymentIntent (card orders only).</summary>
    OriginalPaymentMethod,

    /// <summary>A credit to the merchant's prepaid balance.</summary>
    Balance,
}

public enum RefundReason
{
    Undelivered,
    CustomerRequest,
    Duplicate,
    Other,
}

/// <summary>What started a refund.</summary>
public enum RefundOrigin
{
    /// <summary>A support agent, an admin or an API key asked for it.</summary>
    Requested,

    /// <summary>A paid order was cancelled: everything goes back.</summary>
    Cancellation,

    /// <summary>The merchant's automatic refund policy, once fulfilment gave up.</summary>
    Policy,

    /// <summary>A card payment succeeded after its order stopped waiting for it (cancelled or failed).</summary>
    LatePayment,
}

public static class RefundStatusExtensions
{
    /// <summary>Statuses in which a refund holds its units (and counts towards the approval threshold).</summary>
    public static IReadOnlyList<RefundStatus> Holding { get; } = [RefundStatus.PendingApproval, RefundStatus.Pending, RefundStatus.Succeeded];

    /// <summary>Stripe's refund reason for ours; Stripe knows no "undelivered", so that is the customer's request.</summary>
    public static string StripeReason(this RefundReason reason) => reason == RefundReason.Duplicate ? "duplicate" : "requested_by_customer";
}
