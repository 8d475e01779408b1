using Stripe;

namespace MerchantPortal.Payments;

/// <summary>Tells Stripe's own failures (unreachable, 5xx, rate limited) from answers about the request.</summary>
internal static class StripeFailures
{
    /// <summary>True when Stripe did not give a definite answer, so the call is safe to retry with the same idempotency key.</summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        StripeException stripe => (int)stripe.HttpStatusCode >= 500 || (int)stripe.HttpStatusCode == 429
            || stripe.StripeError?.Type is "api_error" or "api_connection_error",
        HttpRequestException => true,
        TaskCanceledException => true,
        _ => false,
    };

    /// <summary>Stripe is still working on an earlier request with the same idempotency key (409): the outcome comes later.</summary>
    public static bool IsInProgress(Exception exception) => exception is StripeException { HttpStatusCode: System.Net.HttpStatusCode.Conflict };

    /// <summary>Stripe took a request under the idempotency key before, with other parameters (400 <c>idempotency_error</c>): that one stands.</summary>
    public static bool IsKeyReused(Exception exception) => exception is StripeException { StripeError.Type: "idempotency_error" };

    /// <summary>Stripe answered that the request itself cannot be done (400, 402, 404): sending it again changes nothing.</summary>
    public static bool IsRefused(Exception exception) => exception is StripeException { StripeError.Type: "invalid_request_error" or "card_error" } stripe
        && (int)stripe.HttpStatusCode is 400 or 402 or 404;

    /// <summary>A card error: declined, expired, incorrect details, authentication needed.</summary>
    public static bool IsCardError(StripeException exception) => exception.StripeError?.Type == "card_error";
}
