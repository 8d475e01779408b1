namespace MerchantPortal.Webhooks;

/// <summary>Whether an endpoint receives deliveries.</summary>
public enum WebhookEndpointState
{
    /// <summary>Receives every subscribed event.</summary>
    Active,

    /// <summary>
    /// The circuit breaker opened after too many failed attempts in a row: nothing is sent, new events are not
    /// queued for it, and its pending deliveries wait until someone resumes it.
    /// </summary>
    Paused,

    /// <summary>Turned off by a user, or by the receiver answering <c>410 Gone</c>; its pending deliveries are skipped.</summary>
    Disabled,
}
