using System.Text.Json.Nodes;

namespace MerchantPortal.StripeSandbox.State;

/// <summary>An event: a snapshot of the object a change left behind.</summary>
internal sealed class EventRecord
{
    public required string Id { get; init; }

    public long Sequence { get; init; }

    public long Created { get; init; }

    public required string Type { get; init; }

    public required JsonObject Object { get; init; }

    public JsonObject? PreviousAttributes { get; init; }

    public string? RequestId { get; init; }

    public string? IdempotencyKey { get; init; }

    /// <summary>Webhook endpoints that have not yet received the event (and are still being retried).</summary>
    public int PendingWebhooks { get; set; }

    /// <summary>The deliveries still under way, by endpoint id.</summary>
    public Dictionary<string, WebhookProgressRecord> Undelivered { get; set; } = [];
}
