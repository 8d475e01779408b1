using MerchantPortal.Common;

namespace MerchantPortal.Payments;

/// <summary>The expected failures of card handling and card payments.</summary>
public static class PaymentErrors
{
    public static Error NotConfigured { get; } =
        new("CARD_PAYMENTS_NOT_CONFIGURED", "Card payments are not configured on this installation.", "payment") { Kind = ErrorKind.Rule };

    public static Error StripeUnavailable { get; } = new("PAYMENT_PROVIDER_UNAVAILABLE",
        "We could not reach Stripe, so nothing was charged. Please try again in a moment.", "payment") { Kind = ErrorKind.Unavailable };

    public static Error PaymentUnconfirmed { get; } = new("PAYMENT_UNCONFIRMED",
        "Stripe's answer did not arrive, so the card may or may not have been charged. The order shows the outcome once it is confirmed.", "payment")
            { Kind = ErrorKind.Unavailable };

    /// <summary>
    /// Stripe already took a charge request for the order under its key, with other parameters (the return address
    /// differs after a restart or on another instance): that request's PaymentIntent stands and is read instead.
    /// </summary>
    public static Error PaymentAlreadyRequested { get; } = new("PAYMENT_ALREADY_REQUESTED",
        "This order's card payment was already sent to Stripe. The order shows its outcome once it is confirmed.", "payment")
            { Kind = ErrorKind.Unavailable };

    public static Error CardNotFound { get; } =
        new("CARD_NOT_FOUND", "That card is not saved for this customer.", "payment.payment_method_id");

    public static Error NoSavedCards { get; } =
        new("NO_SAVED_CARDS",
            "This customer has no saved card yet. Add one under Payment methods first.", "payment.payment_method_id") { Kind = ErrorKind.Rule };

    public static Error SetupNotCompleted { get; } =
        new("CARD_SETUP_INCOMPLETE", "The card was not saved: the card form was not completed.", "setup_intent") { Kind = ErrorKind.Rule };

    public static Error CustomerNotFound { get; } =
        new("CUSTOMER_NOT_FOUND", "That customer does not exist.", "customer_id") { Kind = ErrorKind.NotFound };

    public static Error SignatureInvalid { get; } =
        new("WEBHOOK_SIGNATURE_INVALID",
            "The Stripe-Signature header does not match this payload, or it is too old.") { Kind = ErrorKind.Unauthorized };

    public static Error WebhookEventInvalid { get; } =
        new("WEBHOOK_EVENT_INVALID", "The body is not a Stripe event: it needs an id and a type.");

    public static Error WebhookBodyTooLarge(int maxBytes) =>
        new("WEBHOOK_BODY_TOO_LARGE", $"A Stripe event is at most {maxBytes / 1024} KB; this body is larger.");

    public static Error Declined(string message) => new(Orders.OrderErrorCodes.PaymentDeclined, message, "payment") { Kind = ErrorKind.Rule };
}
