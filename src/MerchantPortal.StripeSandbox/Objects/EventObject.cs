using System.Text.Json.Nodes;
using MerchantPortal.StripeSandbox.State;

namespace MerchantPortal.StripeSandbox.Objects;

/// <summary>The <c>event</c> object, rendered in the API version of whoever receives it.</summary>
internal static class EventObject
{
    /// <summary>The version events are rendered in when neither the request nor the webhook endpoint names one.</summary>
    public const string DefaultApiVersion = "2026-10-28.endive";

    public static JsonObject Render(EventRecord record, string? apiVersion)
    {
        var data = new JsonObject { ["object"] = record.Object.DeepClone() };
        if (record.PreviousAttributes is not null)
        {
            data["previous_attributes"] = record.PreviousAttributes.DeepClone();
        }

        var json = JsonParts.Head(record.Id, "event");
        json["api_version"] = apiVersion ?? DefaultApiVersion;
        json["created"] = record.Created;
        json["data"] = data;
        json["livemode"] = false;
        json["pending_webhooks"] = record.PendingWebhooks;
        json["request"] = new JsonObject { ["id"] = record.RequestId, ["idempotency_key"] = record.IdempotencyKey };
        json["type"] = record.Type;
        return json;
    }
}
