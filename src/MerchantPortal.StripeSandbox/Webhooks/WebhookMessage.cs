using MerchantPortal.StripeSandbox.Http;
using MerchantPortal.StripeSandbox.Objects;
using MerchantPortal.StripeSandbox.State;

namespace MerchantPortal.StripeSandbox.Webhooks;

/// <summary>What one delivery attempt sends: the event in the endpoint's API version, to its URL, signed with its secret.</summary>
internal sealed record WebhookMessage(string EventType, Uri Url, string Secret, string Payload)
{
    /// <summary>The message for a pending delivery, or null when the endpoint was deleted or disabled meanwhile.</summary>
    public static WebhookMessage? For(RenderContext context, PendingDelivery delivery)
    {
        if (!context.Data.Events.TryGetValue(delivery.EventId, out var record)
            || !context.Data.WebhookEndpoints.TryGetValue(delivery.EndpointId, out var endpoint)
            || endpoint.Disabled)
        {
            return null;
        }

        var payload = SandboxJson.Write(EventObject.Render(record, endpoint.ApiVersion));
        return new WebhookMessage(record.Type, new Uri(endpoint.Url), endpoint.Secret, payload);
    }
}
