namespace MerchantPortal.Webhooks;

/// <summary>A new endpoint for <paramref name="MerchantId"/>, subscribed to <paramref name="EventTypes"/>.</summary>
public sealed record CreateWebhookEndpoint(Guid MerchantId, string? Url, string? Description, IReadOnlyList<string>? EventTypes);

/// <summary>Changes to an endpoint; a null member leaves that part as it is.</summary>
public sealed record UpdateWebhookEndpoint(
    string? Url = null, string? Description = null, IReadOnlyList<string>? EventTypes = null, bool? Enabled = null);

/// <summary>A page of a merchant's deliveries, newest first, optionally of one endpoint or status.</summary>
public sealed record WebhookDeliveryQuery(Guid? EndpointId = null, WebhookDeliveryStatus? Status = null, int Page = 0, int PageSize = 25);
