using MerchantPortal.Common;

namespace MerchantPortal.Webhooks;

/// <summary>The expected failures of webhook endpoint management; field names are the API's.</summary>
public static class WebhookErrors
{
    public static Error NotAllowed { get; } = new("WEBHOOKS_NOT_ALLOWED",
        "You may not manage webhook endpoints; API keys need the webhooks:write scope.") { Kind = ErrorKind.Forbidden };

    public static Error EndpointNotFound { get; } =
        new("WEBHOOK_ENDPOINT_NOT_FOUND", "That webhook endpoint does not exist.") { Kind = ErrorKind.NotFound };

    public static Error DeliveryNotFound { get; } =
        new("WEBHOOK_DELIVERY_NOT_FOUND", "That webhook delivery does not exist.") { Kind = ErrorKind.NotFound };

    public static Error MerchantNotFound { get; } =
        new("MERCHANT_NOT_FOUND", "That merchant account does not exist.") { Kind = ErrorKind.NotFound };

    public static Error UrlRequired { get; } = new("WEBHOOK_URL_REQUIRED", "Enter the URL that receives the events.", "url");

    public static Error UrlTooLong { get; } =
        new("WEBHOOK_URL_TOO_LONG", $"The URL can be at most {WebhookUrlPolicy.MaxUrlLength} characters.", "url");

    public static Error UrlInvalid { get; } = new("WEBHOOK_URL_INVALID", "Enter an absolute https:// URL.", "url");

    public static Error UrlHasCredentials { get; } =
        new("WEBHOOK_URL_HAS_CREDENTIALS", "Leave the user name and password out of the URL; requests are signed instead.", "url");

    public static Error UrlUnresolvable { get; } =
        new("WEBHOOK_URL_UNRESOLVABLE", "The URL's host name could not be found.", "url");

    public static Error UrlPrivateAddress { get; } = new("WEBHOOK_URL_PRIVATE_ADDRESS",
        "The URL's host is on a private, loopback or otherwise internal address; use a public address.", "url");

    public static Error DescriptionTooLong { get; } = new("WEBHOOK_DESCRIPTION_TOO_LONG",
        $"The description can be at most {WebhookEndpointService.MaxDescriptionLength} characters.", "description");

    public static Error EventsRequired { get; } =
        new("WEBHOOK_EVENTS_REQUIRED", "Choose at least one event to send to this endpoint.", "enabled_events");

    public static Error OverlapInvalid { get; } = new("WEBHOOK_OVERLAP_INVALID",
        $"The old secret can stay valid for between 0 and {WebhookEndpointService.MaxRotationOverlap.TotalHours:0} hours.", "expires_in");

    public static Error NotPaused { get; } = new("WEBHOOK_ENDPOINT_NOT_PAUSED", "Only a paused endpoint can be resumed.");

    public static Error NotActive { get; } =
        new("WEBHOOK_ENDPOINT_NOT_ACTIVE", "The endpoint is paused or disabled; resume or enable it first.");

    public static Error UnknownEvent(string type) => new("WEBHOOK_EVENT_UNKNOWN",
        $"\"{type}\" is not an event you can subscribe to.", "enabled_events");

    /// <summary>Every field error of a request at once.</summary>
    public static Error Invalid(IReadOnlyList<Error> errors) =>
        new("VALIDATION_FAILED", "Check the highlighted fields.") { Kind = ErrorKind.Validation, Errors = errors };
}
