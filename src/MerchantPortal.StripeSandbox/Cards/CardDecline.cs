namespace MerchantPortal.StripeSandbox.Cards;

/// <summary>A card issuer's refusal, with Stripe's error code, decline code and message.</summary>
internal sealed record CardDecline(string Code, string DeclineCode, string Message)
{
    public static CardDecline Generic { get; } = new("card_declined", "generic_decline", "Your card was declined.");

    public static CardDecline InsufficientFunds { get; } = new("card_declined", "insufficient_funds", "Your card has insufficient funds.");

    public static CardDecline AuthenticationRequired { get; } =
        new("authentication_required", "authentication_required", "Your card was declined. This transaction requires authentication.");

    /// <summary>The decline a card meets when it is attached to a customer (saved), if any.</summary>
    public static CardDecline? OnAttach(CardBehaviour behaviour) => behaviour switch
    {
        CardBehaviour.DeclinesGeneric => Generic,
        CardBehaviour.DeclinesInsufficientFunds => InsufficientFunds,
        _ => null,
    };

    /// <summary>The decline a card meets when it is charged, if any (3-D Secure is decided separately).</summary>
    public static CardDecline? OnCharge(CardBehaviour behaviour) => behaviour switch
    {
        CardBehaviour.DeclinesGeneric or CardBehaviour.DeclinesAfterAttaching => Generic,
        CardBehaviour.DeclinesInsufficientFunds => InsufficientFunds,
        _ => null,
    };
}
