using System.Text.Json.Nodes;
using MerchantPortal.StripeSandbox.State;

namespace MerchantPortal.StripeSandbox.Objects;

/// <summary>The <c>webhook_endpoint</c> object; its <c>secret</c> is shown only in the response that creates it.</summary>
internal static class WebhookEndpointObject
{
    public static JsonObject Render(WebhookEndpointRecord endpoint, bool withSecret = false)
    {
        var json = JsonParts.Head(endpoint.Id, "webhook_endpoint");
        json["api_version"] = endpoint.ApiVersion;
        json["application"] = null;
        json["created"] = endpoint.Created;
        json["description"] = endpoint.Description;
        json["enabled_events"] = JsonParts.Strings(endpoint.EnabledEvents);
        json["livemode"] = false;
        json["metadata"] = JsonParts.Metadata(endpoint.Metadata);
        if (withSecret)
        {
            json["secret"] = endpoint.Secret;
        }

        json["status"] = endpoint.Disabled ? "disabled" : "enabled";
        json["url"] = endpoint.Url;
        return json;
    }

    public static JsonObject Deleted(string id) => new() { ["id"] = id, ["object"] = "webhook_endpoint", ["deleted"] = true };
}
