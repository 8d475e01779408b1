namespace MerchantPortal.Events;

/// <summary>
/// Something that happened to a merchant's order that other systems hear about (outbound webhooks).
/// Written in the same transaction as the change it reports, with a snapshot of the order as it was at
/// that moment (the API's order object, without delivered codes); a <c>dispatch_event</c> job then
/// fans it out to the merchant's webhook endpoints.
/// </summary>
public sealed class IntegrationEvent
{
    private IntegrationEvent()
    {
    }

    /// <summary>Stable id; deliveries derive their <c>webhook-id</c> from it, so retries carry the same id.</summary>
    public Guid Id { get; private set; }

    /// <summary>One of <see cref="IntegrationEventTypes"/>.</summary>
    public string Type { get; private set; } = "";

    public Guid MerchantId { get; private set; }

    public Guid? OrderId { get; private set; }

    public DateTime OccurredAt { get; private set; }

    /// <summary>The event's <c>data</c> object as JSON (snake_case), snapshotted at <see cref="OccurredAt"/>.</summary>
    public string Payload { get; private set; } = "";

    public static IntegrationEvent Create(string type, Guid merchantId, Guid? orderId, string payload, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Type = type,
        MerchantId = merchantId,
        OrderId = orderId,
        OccurredAt = now,
        Payload = payload,
    };
}
