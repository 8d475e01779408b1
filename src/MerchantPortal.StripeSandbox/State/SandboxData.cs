namespace MerchantPortal.StripeSandbox.State;

/// <summary>Everything the sandbox keeps, as one serialisable graph (the persisted file is this object).</summary>
internal sealed class SandboxData
{
    public long LastSequence { get; set; }

    public Dictionary<string, CustomerRecord> Customers { get; set; } = [];

    public Dictionary<string, PaymentMethodRecord> PaymentMethods { get; set; } = [];

    public Dictionary<string, SetupIntentRecord> SetupIntents { get; set; } = [];

    public Dictionary<string, PaymentIntentRecord> PaymentIntents { get; set; } = [];

    public Dictionary<string, ChargeRecord> Charges { get; set; } = [];

    public Dictionary<string, RefundRecord> Refunds { get; set; } = [];

    public Dictionary<string, EventRecord> Events { get; set; } = [];

    public Dictionary<string, WebhookEndpointRecord> WebhookEndpoints { get; set; } = [];

    /// <summary>Finished idempotent requests by their key (the sandbox has one API key), for 24 hours.</summary>
    public Dictionary<string, IdempotentResponseRecord> IdempotentResponses { get; set; } = [];
}
