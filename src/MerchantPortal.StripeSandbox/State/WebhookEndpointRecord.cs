namespace MerchantPortal.StripeSandbox.State;

/// <summary>A URL that receives signed events.</summary>
internal sealed class WebhookEndpointRecord
{
    public required string Id { get; init; }

    public long Sequence { get; init; }

    public long Created { get; init; }

    public required string Secret { get; init; }

    /// <summary>The API version events are rendered in for this endpoint; null means the sandbox's default.</summary>
    public string? ApiVersion { get; init; }

    public required string Url { get; set; }

    public List<string> EnabledEvents { get; set; } = [];

    public string? Description { get; set; }

    public Dictionary<string, string> Metadata { get; set; } = [];

    public bool Disabled { get; set; }

    public bool Receives(string eventType) =>
        !Disabled && (EnabledEvents.Contains("*") || EnabledEvents.Contains(eventType));
}
