namespace MerchantPortal.StripeSandbox;

/// <summary>
/// One try at delivering an event to a webhook endpoint: the HTTP status the endpoint answered, or the
/// error that prevented an answer (connection refused, timeout).
/// </summary>
public sealed record WebhookDeliveryAttempt(
    string EventId,
    string EventType,
    string EndpointId,
    Uri EndpointUrl,
    int AttemptNumber,
    int? StatusCode,
    string? Error,
    DateTimeOffset AttemptedAt)
{
    /// <summary>Whether the endpoint answered with a 2xx status, which ends the retries.</summary>
    public bool Succeeded => StatusCode is >= 200 and <= 299;
}
