using System.Text.Json.Serialization;
using MerchantPortal.Webhooks;

namespace MerchantPortal.Web.Features.Webhooks.Api;

/// <summary>
/// A webhook endpoint as the API shows it. <c>secret</c> (<c>whsec_…</c>) is present only in the answers to
/// create and rotate_secret; every other answer, a replay included, leaves it out.
/// </summary>
public sealed record WebhookEndpointObject(
    Guid Id,
    [property: JsonPropertyName("object")] string ObjectType,
    string Url,
    string? Description,
    IReadOnlyList<string> EnabledEvents,
    bool Enabled,
    WebhookEndpointState Status,
    string? DisabledReason,
    int ConsecutiveFailures,
    DateTime? PausedAt,
    DateTime? PreviousSecretExpiresAt,
    DateTime CreatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Secret,
    bool Replayed)
{
    public static WebhookEndpointObject From(WebhookEndpointView e, string? secret = null, bool replayed = false) => new(
        e.Id, "webhook_endpoint", e.Url, e.Description, e.EventTypes, e.Enabled, e.State, e.DisabledReason, e.ConsecutiveFailures,
        e.PausedAt, e.PreviousSecretExpiresAt, e.CreatedAt, secret, replayed);
}

/// <summary>What <c>DELETE /api/v1/webhook_endpoints/{id}</c> answers.</summary>
public sealed record DeletedWebhookEndpointObject(Guid Id, [property: JsonPropertyName("object")] string ObjectType, bool Deleted);

/// <summary>The body of <c>POST /api/v1/webhook_endpoints</c>.</summary>
public sealed record CreateWebhookEndpointRequest
{
    /// <summary>Where events are POSTed: an https URL on a public address.</summary>
    public string? Url { get; init; }

    public string? Description { get; init; }

    /// <summary>The event types to send, e.g. <c>order.completed</c>.</summary>
    public IReadOnlyList<string>? EnabledEvents { get; init; }
}

/// <summary>The body of <c>PATCH /api/v1/webhook_endpoints/{id}</c>; an absent field is left as it is.</summary>
public sealed record UpdateWebhookEndpointRequest
{
    public string? Url { get; init; }

    /// <summary>An empty string clears the description.</summary>
    public string? Description { get; init; }

    public IReadOnlyList<string>? EnabledEvents { get; init; }

    /// <summary>false stops deliveries (pending ones are skipped); true starts them again.</summary>
    public bool? Enabled { get; init; }
}

/// <summary>The optional body of <c>POST /api/v1/webhook_endpoints/{id}/rotate_secret</c>.</summary>
public sealed record RotateWebhookSecretRequest
{
    /// <summary>How long, in seconds, the old secret keeps signing next to the new one (0 to 604800; default 86400).</summary>
    public long? ExpiresIn { get; init; }
}
