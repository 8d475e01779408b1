namespace MerchantPortal.Webhooks;

/// <summary>An endpoint as pages and the API show it; never the secret.</summary>
public sealed record WebhookEndpointView(
    Guid Id,
    Guid MerchantId,
    string Url,
    string? Description,
    IReadOnlyList<string> EventTypes,
    bool Enabled,
    WebhookEndpointState State,
    string? DisabledReason,
    int ConsecutiveFailures,
    DateTime? PausedAt,
    DateTime? PreviousSecretExpiresAt,
    DateTime CreatedAt)
{
    internal static WebhookEndpointView Of(WebhookEndpoint e) => new(
        e.Id, e.MerchantId, e.Url, e.Description, e.EventTypes, e.Enabled, e.State, e.DisabledReason, e.ConsecutiveFailures, e.PausedAt,
        e.PreviousSecretExpiresAt, e.CreatedAt);
}

/// <summary>A new endpoint with its signing secret, which is shown this once.</summary>
public sealed record CreatedWebhookEndpoint(WebhookEndpointView Endpoint, string Secret);

/// <summary>The endpoint's new signing secret, shown this once; the old one signs too until the endpoint's <c>PreviousSecretExpiresAt</c>.</summary>
public sealed record RotatedWebhookSecret(WebhookEndpointView Endpoint, string Secret);

/// <summary>A delivery with its attempts, oldest attempt first.</summary>
public sealed record WebhookDeliveryView(
    Guid Id,
    Guid EndpointId,
    Guid EventId,
    string EventType,
    string MessageId,
    WebhookDeliveryStatus Status,
    int AttemptCount,
    DateTime CreatedAt,
    DateTime? LastAttemptAt,
    DateTime? NextAttemptAt,
    IReadOnlyList<WebhookAttemptView> Attempts);

public sealed record WebhookAttemptView(DateTime At, int? StatusCode, int DurationMs, string? ResponseExcerpt, string? Error);
