using System.Text.RegularExpressions;
using MerchantPortal.StripeSandbox.Http;
using MerchantPortal.StripeSandbox.State;

namespace MerchantPortal.StripeSandbox.Operations;

/// <summary>What creating or updating a webhook endpoint asks for; null fields are left alone on updates.</summary>
internal sealed record WebhookEndpointChanges(
    string? Url,
    IReadOnlyList<string>? EnabledEvents,
    string? Description,
    MetadataUpdate? Metadata,
    bool? Disabled,
    string? ApiVersion);

/// <summary>Webhook endpoints: where events are sent, which ones, signed with the endpoint's secret.</summary>
internal static partial class WebhookEndpoints
{
    public static WebhookEndpointRecord Find(SandboxData data, string id, string param = "id") =>
        data.WebhookEndpoints.GetValueOrDefault(id) ?? throw ApiErrors.NoSuch("webhook endpoint", id, param);

    /// <summary>Checks what is given: an absolute http(s) URL and event types (or <c>*</c>).</summary>
    public static void Validate(WebhookEndpointChanges changes)
    {
        if (changes.Url is not null
            && !(Uri.TryCreate(changes.Url, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)))
        {
            throw ApiErrors.InvalidValue("url", $"Invalid URL: {changes.Url}. URLs must be absolute and begin with http:// or https://.");
        }

        if (changes.EnabledEvents is { Count: 0 })
        {
            throw ApiErrors.MissingParam("enabled_events");
        }

        for (var i = 0; i < (changes.EnabledEvents?.Count ?? 0); i++)
        {
            var type = changes.EnabledEvents![i];
            if (type != "*" && !EventTypePattern().IsMatch(type))
            {
                throw ApiErrors.InvalidValue($"enabled_events[{i}]", $"Invalid enabled_events[{i}]: '{type}' is not an event type.");
            }
        }
    }

    public static WebhookEndpointRecord Create(SandboxChange change, WebhookEndpointChanges request)
    {
        var endpoint = new WebhookEndpointRecord
        {
            Id = SandboxIds.New("we"),
            Sequence = change.NextSequence(),
            Created = change.Now,
            Secret = $"whsec_{SandboxIds.Random(32)}",
            ApiVersion = request.ApiVersion,
            Url = request.Url!,
            EnabledEvents = [.. request.EnabledEvents!.Distinct(StringComparer.Ordinal)],
            Description = string.IsNullOrEmpty(request.Description) ? null : request.Description,
            Metadata = MetadataUpdate.Create(request.Metadata),
            Disabled = request.Disabled ?? false,
        };
        change.Data.WebhookEndpoints[endpoint.Id] = endpoint;
        return endpoint;
    }

    public static void Update(WebhookEndpointRecord endpoint, WebhookEndpointChanges request)
    {
        request.Metadata?.ApplyTo(endpoint.Metadata);
        endpoint.Url = request.Url ?? endpoint.Url;
        if (request.EnabledEvents is not null)
        {
            endpoint.EnabledEvents = [.. request.EnabledEvents.Distinct(StringComparer.Ordinal)];
        }

        if (request.Description is not null)
        {
            endpoint.Description = request.Description.Length == 0 ? null : request.Description;
        }

        endpoint.Disabled = request.Disabled ?? endpoint.Disabled;
    }

    [GeneratedRegex(@"^[a-z_]+(\.[a-z_]+)+$")]
    private static partial Regex EventTypePattern();
}
