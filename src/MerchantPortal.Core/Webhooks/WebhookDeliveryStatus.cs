namespace MerchantPortal.Webhooks;

public enum WebhookDeliveryStatus
{
    /// <summary>An attempt is due, scheduled, or waits for a paused endpoint to resume.</summary>
    Pending,

    /// <summary>The receiver answered 2xx.</summary>
    Succeeded,

    /// <summary>Every scheduled attempt failed, or the receiver answered <c>410 Gone</c>.</summary>
    Failed,

    /// <summary>Not sent because the endpoint was disabled before its turn.</summary>
    Skipped,
}
