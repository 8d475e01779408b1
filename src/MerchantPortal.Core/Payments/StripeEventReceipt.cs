namespace MerchantPortal.Payments;

/// <summary>A Stripe event the portal has handled. The event id is the key, so each event is handled once.</summary>
public sealed class StripeEventReceipt
{
    private StripeEventReceipt()
    {
    }

    public string EventId { get; private set; } = "";

    public string Type { get; private set; } = "";

    public DateTime ReceivedAt { get; private set; }

    internal static StripeEventReceipt Create(string eventId, string type, DateTime now) =>
        new() { EventId = eventId, Type = type, ReceivedAt = now };
}
