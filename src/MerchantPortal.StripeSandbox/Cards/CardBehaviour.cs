namespace MerchantPortal.StripeSandbox.Cards;

/// <summary>What a test card does when it is saved, charged or refunded.</summary>
internal enum CardBehaviour
{
    /// <summary>Saves, charges and refunds normally.</summary>
    Succeeds,

    /// <summary>Declined with <c>generic_decline</c>, already when it is attached to a customer.</summary>
    DeclinesGeneric,

    /// <summary>Declined with <c>insufficient_funds</c>, already when it is attached to a customer.</summary>
    DeclinesInsufficientFunds,

    /// <summary>Attaches to a customer, then every charge is declined with <c>generic_decline</c>.</summary>
    DeclinesAfterAttaching,

    /// <summary>Every setup and payment asks for 3-D Secure; off-session payments fail with <c>authentication_required</c>.</summary>
    RequiresAuthentication,

    /// <summary>Charges succeed; a refund answers <c>succeeded</c>, then fails (<c>expired_or_canceled_card</c>).</summary>
    RefundsFail,

    /// <summary>Charges succeed; a refund answers <c>pending</c>, then succeeds.</summary>
    RefundsPending,
}
