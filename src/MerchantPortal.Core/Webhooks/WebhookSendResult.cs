using System.Net.Http.Headers;

namespace MerchantPortal.Webhooks;

/// <summary>What one attempt got back: an HTTP status, or an error when no answer came.</summary>
public sealed record WebhookSendResult(
    int? StatusCode, TimeSpan Duration, string? ResponseExcerpt, string? Error, RetryConditionHeaderValue? RetryAfter = null)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;

    /// <summary>The receiver says the endpoint is gone for good: stop sending to it.</summary>
    public bool Gone => StatusCode == 410;
}
